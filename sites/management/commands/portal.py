"""Manage portals: `manage.py portal create|bulk|apply-blueprint|rename|merge|retire|export-static|list`."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sites import reorganisation
from sites.bulk import bulk_create, read_rows
from cms.core.models import Agency, Portal, PortalStatus
from sites.provisioning import apply_blueprint, create_portal
from sites.static_export import Mirror


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
        bulk = sub.add_parser("bulk", help="Tạo hàng loạt từ tệp CSV hoặc YAML (chạy lại an toàn).")
        bulk.add_argument("file")
        rename = sub.add_parser("rename", help="Đổi tên (và tên miền) một cổng; tên miền cũ chuyển hướng 301.")
        rename.add_argument("agency_code")
        rename.add_argument("--name", required=True)
        rename.add_argument("--short-name", default="")
        rename.add_argument("--hostname", default="")
        merge = sub.add_parser("merge", help="Hợp nhất cổng nguồn vào cổng đích; không xóa gì.")
        merge.add_argument("source_code")
        merge.add_argument("target_code")
        retire = sub.add_parser("retire", help="Ngừng hoạt động: cổng thành kho lưu trữ chỉ đọc.")
        retire.add_argument("agency_code")
        for operation in (rename, merge, retire):
            operation.add_argument("--dry-run", action="store_true", help="Chỉ xem trước, không áp dụng.")
        export = sub.add_parser("export-static", help="Lưu bản tĩnh của cổng để nginx phục vụ khi ứng dụng ngừng.")
        export.add_argument("hostname", nargs="?", help="Để trống cùng --all: mọi cổng đang hoạt động.")
        export.add_argument("directory", nargs="?", help="Mặc định: OFFLINE_MIRROR_ROOT/<tên miền>.")
        export.add_argument("--all", action="store_true", help="Mọi cổng đang hoạt động, mỗi cổng một thư mục.")
        listing = sub.add_parser("list", help="Liệt kê các cổng.")
        listing.add_argument("--urls", action="store_true")
        listing.add_argument("--port", type=int, default=80)
        listing.add_argument("--limit", type=int, default=0)

    def handle(self, *args, action, **options):
        getattr(self, "handle_" + action.replace("-", "_"))(**options)

    def portal(self, code):
        portal = Portal.objects.select_related("agency", "site__root_page").filter(agency__code=code).first()
        if portal is None:
            raise CommandError(f"Không có cổng của cơ quan mã “{code}”.")
        return portal

    def run_operation(self, operation, *args, **kwargs):
        try:
            self.stdout.write(str(operation(*args, **kwargs)))
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error

    def handle_rename(self, agency_code, name, short_name, hostname, dry_run, **options):
        self.run_operation(reorganisation.rename, self.portal(agency_code), name=name, short_name=short_name,
                           hostname=hostname, dry_run=dry_run)

    def handle_merge(self, source_code, target_code, dry_run, **options):
        self.run_operation(reorganisation.merge, self.portal(source_code), self.portal(target_code), dry_run=dry_run)

    def handle_retire(self, agency_code, dry_run, **options):
        self.run_operation(reorganisation.retire, self.portal(agency_code), dry_run=dry_run)

    def handle_bulk(self, file, **options):
        rows = read_rows(file)

        def progress(number, total, result):
            self.stdout.write(f"[{number}/{total}] {result}")

        results = bulk_create(rows, progress=progress)
        summary = {status: sum(r.status == status for r in results) for status in ("created", "skipped", "refused")}
        self.stdout.write(f"Tạo mới: {summary['created']}, bỏ qua: {summary['skipped']}, từ chối: {summary['refused']}")

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

    def handle_export_static(self, hostname, directory, all, **options):
        portals = Portal.objects.select_related("agency", "site").exclude(site=None)
        if all == bool(hostname):
            raise CommandError("Cho một tên miền, hoặc --all.")
        if all:
            portals = portals.filter(status=PortalStatus.ACTIVE).exclude(agency=None).order_by("agency__path")
        else:
            portals = portals.filter(site__hostname=hostname)
            if not portals:
                raise CommandError(f"Không có cổng nào ở tên miền “{hostname}”.")
        total = len(portals)
        for number, portal in enumerate(portals, start=1):
            target = directory or Path(settings.OFFLINE_MIRROR_ROOT) / portal.site.hostname
            report = Mirror(portal, target, progress=self.stdout.write).run()
            self.stdout.write(self.style.SUCCESS(f"[{number}/{total}] {portal.site.hostname} → {target}: {report}"))

    def handle_list(self, urls, port, limit, **options):
        portals = Portal.objects.select_related("agency", "site").exclude(agency=None).order_by("agency__path")
        if limit:
            portals = portals[:limit]
        for portal in portals:
            address = f"http://{portal.site.hostname}:{port}/" if urls else portal.site.hostname
            self.stdout.write(f"{portal.agency.code:12} {portal.get_status_display():28} {address}  {portal.agency.name}")
