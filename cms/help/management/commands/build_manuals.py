"""Builds the two manuals into PDF files: `manage.py build_manuals DIR [--screenshots DIR]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.help.manuals import MANUALS, SCREENSHOTS_DIR, pdf_bytes


class Command(BaseCommand):
    help = "Dựng hai tài liệu hướng dẫn (sử dụng, quản trị) thành tệp PDF."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="thư mục nhận các tệp PDF")
        parser.add_argument("--screenshots", type=Path, default=SCREENSHOTS_DIR,
                            help="thư mục ảnh chụp màn hình (mặc định: ảnh trong kho mã)")

    def handle(self, directory, screenshots, **options):
        missing = [f"{manual.slug}: {name}" for manual in MANUALS.values() for name in manual.screenshots()
                   if not (screenshots / name).is_file()]
        if missing:
            raise CommandError("Thiếu ảnh chụp màn hình: " + ", ".join(missing))
        directory.mkdir(parents=True, exist_ok=True)
        for manual in MANUALS.values():
            target = directory / f"{manual.slug}.pdf"
            target.write_bytes(pdf_bytes(manual, screenshots))
            self.stdout.write(f"{target} ({target.stat().st_size // 1024} KB)")
