"""manage.py backup DIR: the database, the media and a manifest with counts and checksums."""

from django.core.management.base import BaseCommand, CommandError

from cms.operations.backup import BackupError, back_up


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, các tệp tải lên và một bản kê số bản ghi, mã kiểm tra vào một thư mục trống."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Thư mục (chưa có hoặc trống) để ghi bản sao lưu.")

    def handle(self, folder, **options):
        try:
            back_up(folder, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error))
