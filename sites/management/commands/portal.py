"""Manage portals: `manage.py portal create|apply-blueprint|list`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sites.models import Agency, Portal
from sites.provisioning import apply_blueprint, create_portal


class Command(BaseCommand):
    help = "Tạo và quản lý cổng thông tin thành phần."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Tạo cổng cho một cơ quan đã có.")
        create.add_argument("agency_code")
        create.add_argument("hostname")
        create.add_argument("--person-responsible", default="")
        apply = sub.add_parser("apply-blueprint", help="Bổ sung các chuyên mục còn thiếu theo bản mẫu mới nhất.")
        apply.add_argument("agency_codes", nargs="*", help="Để trống: mọi cổng.")
        listing = sub.add_parser("list", help="Liệt kê các cổng.")
        listing.add_argument("--urls", action="store_true")
        listing.add_argument("--port", type=int, default=80)
        listing.add_argument("--limit", type=int, default=0)

    def handle(self, *args, action, **options):
        getattr(self, "handle_" + action.replace("-", "_"))(**options)

    def handle_create(self, agency_code, hostname, person_responsible, **options):
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã “{agency_code}”.")
        try:
            portal = create_portal(agency, hostname, person_responsible=person_responsible)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Đã tạo cổng {portal} tại {hostname}"))

    def handle_apply_blueprint(self, agency_codes, **options):
        portals = Portal.objects.select_related("agency", "site__root_page").exclude(agency=None)
        if agency_codes:
            portals = portals.filter(agency__code__in=agency_codes)
        total = portals.count()
        for number, portal in enumerate(portals, start=1):
            added = apply_blueprint(portal)
            self.stdout.write(f"[{number}/{total}] {portal.agency.code}: +{added} chuyên mục")

    def handle_list(self, urls, port, limit, **options):
        portals = Portal.objects.select_related("agency", "site").exclude(agency=None).order_by("agency__path")
        if limit:
            portals = portals[:limit]
        for portal in portals:
            address = f"http://{portal.site.hostname}:{port}/" if urls else portal.site.hostname
            self.stdout.write(f"{portal.agency.code:12} {portal.get_status_display():28} {address}  {portal.agency.name}")
