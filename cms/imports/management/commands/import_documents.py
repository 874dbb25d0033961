"""manage.py import_documents FILE [--agency CODE] [--files DIR] [--draft] [--dry-run]"""

from cms.imports.command import ImportCommand
from cms.imports.documents import import_documents, read_rows


class Command(ImportCommand):
    help = ("Nhập văn bản từ tệp CSV, XLSX hoặc JSON (cột theo tên trường của API hoặc tên tiếng Việt: Số ký hiệu, "
            "Loại văn bản, Trích yếu, Ngày ban hành…). Chạy lại không ghi gì khi không có thay đổi.")
    owner_help = "mã cơ quan quản lý các dòng không có cột “Cơ quan quản lý”"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--files", help="thư mục chứa các tệp mà cột “Tệp” nêu tên")

    def handle(self, file, agency, files, draft, dry_run, **options):
        report = import_documents(read_rows(file), agency=self.owner(agency), files_dir=files, publish=not draft,
                                  dry_run=dry_run, source=file, progress=self.progress)
        self.summary(report, dry_run)
