"""manage.py search reindex | drain [--loop --interval N] | status"""

import time

from django.core.management.base import BaseCommand, CommandError

from search import indexer
from search.client import UNAVAILABLE, client, enabled
from search.documents import alias_name
from cms.core.models import Portal


class Command(BaseCommand):
    help = "Chỉ mục tìm kiếm: lập lại toàn bộ, xử lý thay đổi chờ, xem trạng thái."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("reindex", help="Lập chỉ mục mới từ cơ sở dữ liệu và chuyển bí danh sang.")
        drain = commands.add_parser("drain", help="Đưa các thay đổi chờ vào chỉ mục.")
        drain.add_argument("--loop", action="store_true", help="Chạy liên tục.")
        drain.add_argument("--interval", type=float, default=5.0, help="Số giây giữa hai lần (với --loop).")
        commands.add_parser("status", help="Số thay đổi chờ và số mục theo từng cổng.")

    def handle(self, action, **options):
        if action != "status" and not enabled():
            self.stdout.write("SEARCH_URL trống: tìm kiếm dùng cơ sở dữ liệu, không có gì để lập chỉ mục.")
            return
        getattr(self, f"handle_{action}")(**options)

    def handle_reindex(self, **options):
        try:
            name, count = indexer.reindex(progress=lambda n: self.stdout.write(f"  {n} mục…"))
        except UNAVAILABLE as error:
            raise CommandError(f"Không kết nối được máy chủ tìm kiếm: {error}")
        self.stdout.write(self.style.SUCCESS(f"Đã lập chỉ mục {name}: {count} mục; bí danh {alias_name()} đã chuyển."))

    def handle_drain(self, loop, interval, **options):
        while True:
            try:
                done = indexer.drain()
                if done or not loop:
                    self.stdout.write(f"Đã xử lý {done} thay đổi; còn chờ {indexer.backlog()}.")
            except UNAVAILABLE as error:
                if not loop:
                    raise CommandError(f"Máy chủ tìm kiếm chưa sẵn sàng, các thay đổi vẫn được giữ lại: {error}")
                self.stderr.write(f"Máy chủ tìm kiếm chưa sẵn sàng, thử lại sau: {error}")
            if not loop:
                return
            time.sleep(interval)

    def handle_status(self, **options):
        self.stdout.write(f"Thay đổi chờ lập chỉ mục: {indexer.backlog()}")
        if not enabled():
            self.stdout.write("SEARCH_URL trống: tìm kiếm dùng cơ sở dữ liệu.")
            return
        try:
            counts = indexer.portal_counts(client())
        except UNAVAILABLE as error:
            raise CommandError(f"Không kết nối được máy chủ tìm kiếm: {error}")
        names = {p.pk: str(p) for p in Portal.objects.select_related("agency", "site").filter(pk__in=counts)}
        for portal_id, count in sorted(counts.items(), key=lambda item: -item[1]):
            self.stdout.write(f"{count:>8}  {names.get(portal_id, portal_id)}")
