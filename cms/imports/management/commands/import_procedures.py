"""manage.py import_procedures FILE [--agency CODE] [--draft] [--dry-run]"""

from cms.imports.command import ImportCommand
from cms.imports.procedures import import_procedures, read_records


class Command(ImportCommand):
    help = ("Nhập thủ tục hành chính từ CSDL quốc gia: tệp JSON của API tích hợp (MATTHC, TENTTHC…) hoặc bảng tính "
            "xuất ra (XLSX/CSV: Mã TTHC, Tên TTHC…). Phiên bản mới thành bản sửa đổi chờ người duyệt; chạy lại không "
            "ghi gì khi không có thay đổi.")
    owner_help = "mã cơ quan quản lý mọi thủ tục (mặc định: cơ quan thực hiện đầu tiên đã ánh xạ)"

    def handle(self, file, agency, draft, dry_run, **options):
        report = import_procedures(read_records(file), agency=self.owner(agency), publish=not draft, dry_run=dry_run,
                                   source=file, progress=self.progress)
        self.summary(report, dry_run)
