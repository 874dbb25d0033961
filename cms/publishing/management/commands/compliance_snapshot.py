from django.core.management.base import BaseCommand, CommandError

from cms.publishing.compliance import PAGES_LOADED_TOGETHER, snapshot_all


class Command(BaseCommand):
    help = "Đánh giá tuân thủ tất cả các cổng đang hoạt động và lưu kết quả (chạy định kỳ để theo dõi diễn biến)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=PAGES_LOADED_TOGETHER,
                            help="Số cổng được đọc trang cùng một lúc.")

    def handle(self, batch, **options):
        if batch < 1:
            raise CommandError("--batch phải là số nguyên dương.")
        snapshots = snapshot_all(batch=batch, progress=self.show_progress)
        for snapshot in sorted(snapshots, key=lambda s: -s.score):
            self.stdout.write(f"{snapshot.score:6.1f}  {snapshot.portal.agency.name}")
        self.stdout.write(self.style.SUCCESS(f"Đã đánh giá {len(snapshots)} cổng"))

    def show_progress(self, done, total):
        self.stderr.write(f"Đã đánh giá {done}/{total} cổng")
