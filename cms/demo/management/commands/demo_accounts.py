from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.core.models import Portal

# The demo province's portals whose editors and approvers a newcomer can sign in as.
DEMO_HOSTNAMES = ("thanhson.localhost", "sotuphap.thanhson.localhost", "xatanlap.thanhson.localhost")
ROLES = (("bientap", "editors_group", "Biên tập viên"), ("duyet", "approvers_group", "Người duyệt"))


class Command(BaseCommand):
    help = ("Tạo tài khoản biên tập viên và người duyệt của vài cổng mẫu (chỉ bản cài đặt thử, không có SECRET_KEY), "
            "để người mới thấy ngay phạm vi quyền theo từng cơ quan.")

    def add_arguments(self, parser):
        parser.add_argument("--password", required=True)
        parser.add_argument("--hostname", action="append", dest="hostnames",
                            help="cổng có tài khoản mẫu (mặc định: %s)" % ", ".join(DEMO_HOSTNAMES))

    def handle(self, password, hostnames, **options):
        if not settings.EMBEDDED:
            raise CommandError(_("Tài khoản mẫu chỉ dùng cho bản cài đặt thử (không đặt SECRET_KEY)."))
        for portal in Portal.objects.filter(site__hostname__in=hostnames or DEMO_HOSTNAMES).select_related("site"):
            name = portal.site.hostname.split(".")[0]
            for prefix, group_field, role in ROLES:
                self._account(f"{prefix}-{name}", password, getattr(portal, group_field), role, portal)

    def _account(self, username, password, group, role, portal):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": role, "last_name": f"({portal.site.hostname})",
                                         "email": f"{username}@localhost"})
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(group)
        self.stdout.write(f"{username} / {password}: {role}, {portal.site.hostname}")
