from django.core.management.base import BaseCommand

from cms.engagement.permissions import grant_portal_permissions
from cms.publishing.workflows import ensure_all_portal_workflows


class Command(BaseCommand):
    help = "Tạo quy trình duyệt (người duyệt, Ban biên tập) và quyền tương tác cho các cổng đã có (chạy lại không tạo trùng)."

    def handle(self, **options):
        setups = ensure_all_portal_workflows()
        for setup in setups:
            grant_portal_permissions(setup.portal)
        self.stdout.write(self.style.SUCCESS(f"Quy trình duyệt: {len(setups)} cổng"))
