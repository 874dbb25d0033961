"""manage.py import_documents FILE [--agency CODE] [--files DIR] [--draft] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from cms.core.models import Agency
from cms.imports.documents import import_documents, read_rows

SIGNS = {"new": "+", "published": "+", "changed": "~", "unchanged": "=", "error": "!"}


class Command(BaseCommand):
    help = ("Nhập văn bản từ tệp CSV, XLSX hoặc JSON (cột theo tên trường của API hoặc tên tiếng Việt: Số ký hiệu, "
            "Loại văn bản, Trích yếu, Ngày ban hành…). Chạy lại không ghi gì khi không có thay đổi.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", help="mã cơ quan quản lý các dòng không có cột “Cơ quan quản lý”")
        parser.add_argument("--files", help="thư mục chứa các tệp mà cột “Tệp” nêu tên")
        parser.add_argument("--draft", action="store_true", help="giữ văn bản mới ở dạng nháp, không xuất bản")
        parser.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ thay đổi gì, không ghi")

    def handle(self, file, agency, files, draft, dry_run, **options):
        owner = Agency.objects.filter(code__iexact=agency).first() if agency else None
        if agency and owner is None:
            raise CommandError(f"Không có cơ quan mã {agency}.")
        report = import_documents(read_rows(file), agency=owner, files_dir=files, publish=not draft, dry_run=dry_run,
                                  source=file, progress=self.progress)
        for number, text in report.unresolved:
            self.stdout.write(f"  ? {number}: không tìm thấy văn bản liên quan “{text}”")
        counts = {action: report.count(action) for action in SIGNS}
        self.stdout.write(("(chạy thử, không ghi gì) " if dry_run else "") + ", ".join(
            f"{count} {label}" for label, count in zip(
                ["mới (nháp)", "mới và đã xuất bản", "thay đổi", "không đổi", "lỗi"], counts.values())))

    def progress(self, number, total, outcome):
        line = f"[{number}/{total}] {SIGNS[outcome.action]} {outcome.number or '?'} {outcome.action}"
        self.stdout.write(line + (f": {outcome.detail}" if outcome.detail else ""))
