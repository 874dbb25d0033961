from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị cấp tỉnh nếu chưa có (dùng cho bản cài đặt thử)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", required=True)

    def handle(self, username, password, **options):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True, "email": f"{username}@localhost"}
        )
        if created:
            user.set_password(password)
            user.save()
            self.stdout.write(f"Đã tạo tài khoản quản trị {username}.")
