"""manage.py restore DIR: checks the backup, then replaces the database and the media with it."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Khôi phục một bản sao lưu: kiểm tra các tệp, thay cơ sở dữ liệu và các tệp tải lên, đối chiếu số "
            "bản ghi, lập lại chỉ mục tìm kiếm. Mọi dữ liệu hiện có bị thay thế.")

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Thư mục của bản sao lưu (có manifest.json).")
        parser.add_argument("--yes", action="store_true", help="Không hỏi lại trước khi thay dữ liệu.")

    def handle(self, folder, yes, **options):
        if not yes and input(_("Mọi dữ liệu hiện có sẽ bị thay bằng bản sao lưu. Gõ 'yes' để tiếp tục: ")) != "yes":
            raise CommandError(_("Đã hủy, không có gì thay đổi."))
        try:
            restore(folder, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error))
