from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms.demo.loader import DemoProvince


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu của một tỉnh (chạy lại nhiều lần không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--domain", default="localhost", help="Tên miền gốc cho các cổng, mặc định: localhost.")
        parser.add_argument("--portals", type=int, default=None, help="Chỉ nạp N cơ quan đầu tiên (dùng khi kiểm thử).")

    def handle(self, domain, portals, **options):
        report = DemoProvince(domain=domain, portal_limit=portals, stdout=self.stdout).load()
        self.stdout.write(self.style.SUCCESS(f"Dữ liệu mẫu: {report}"))
        # Three portals break different publishing rules, so the compliance ranking has something to show.
        call_command("break_demo_portals", stdout=self.stdout)
