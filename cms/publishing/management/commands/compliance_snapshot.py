from django.core.management.base import BaseCommand

from cms.publishing.compliance import snapshot_all


class Command(BaseCommand):
    help = "Đánh giá tuân thủ tất cả các cổng đang hoạt động và lưu kết quả (chạy định kỳ để theo dõi diễn biến)."

    def handle(self, **options):
        snapshots = snapshot_all()
        for snapshot in sorted(snapshots, key=lambda s: -s.score):
            self.stdout.write(f"{snapshot.score:6.1f}  {snapshot.portal.agency.name}")
        self.stdout.write(self.style.SUCCESS(f"Đã đánh giá {len(snapshots)} cổng"))
