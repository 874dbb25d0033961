"""manage.py jobs schedule [--loop --interval N] | enqueue NAME | status"""

import time

from django.core.management.base import BaseCommand
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from cms.operations.jobs import ALL_JOBS, PERIODIC, enqueue_due, runs_of


class Command(BaseCommand):
    help = "Việc chạy nền: đưa các việc định kỳ đến hạn vào hàng đợi, đưa một việc vào ngay, xem trạng thái."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        schedule = actions.add_parser("schedule", help="Đưa các việc định kỳ đã đến hạn vào hàng đợi.")
        schedule.add_argument("--loop", action="store_true", help="Chạy liên tục (một tiến trình cho cả hệ thống).")
        schedule.add_argument("--interval", type=float, default=5.0, help="Số giây giữa hai lần (với --loop).")
        enqueue = actions.add_parser("enqueue", help="Đưa một việc vào hàng đợi ngay.")
        enqueue.add_argument("name", choices=sorted(ALL_JOBS))
        actions.add_parser("status", help="Số lần chạy theo trạng thái và lần gần nhất của mỗi việc.")

    def handle(self, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_schedule(self, loop, interval, **options):
        while True:
            for name in enqueue_due():
                self.stdout.write(_("Đã đưa vào hàng đợi: %(name)s") % {"name": name})
            if not loop:
                return
            time.sleep(interval)

    def handle_enqueue(self, name, **options):
        result = ALL_JOBS[name].enqueue()
        self.stdout.write(_("Đã đưa %(name)s vào hàng đợi (mã %(id)s).") % {"name": name, "id": result.id})

    def handle_status(self, **options):
        for name, job_task in sorted(ALL_JOBS.items()):
            runs = runs_of(job_task)
            by_status = dict(runs.values_list("status").annotate(count=Count("id")).order_by())
            last = runs.aggregate(last=Max("enqueued_at"))["last"]
            every = PERIODIC.get(job_task)
            self.stdout.write(f"{name:<22} {every or _('khi cần')!s:<16} {last or '-'!s:<34} {by_status}")
