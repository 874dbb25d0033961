from django.utils.translation import gettext_lazy as _
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.permissions import is_province_admin
from sites import views
from cms.core.models import Agency


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Cơ quan, đơn vị")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "short_name", "kind", "parent", "code"]
    list_filter = ["kind"]


register_snippet(AgencyViewSet)


@hooks.register("register_log_actions")
def register_portal_log_actions(actions):
    actions.register_action("cong.portal.create", _("Tạo cổng"), _("Tạo cổng thông tin"))
    actions.register_action("cong.portal.rename", _("Đổi tên cổng"), _("Đổi tên cổng thông tin"))
    actions.register_action("cong.portal.merge", _("Hợp nhất cổng"), _("Hợp nhất cổng thông tin"))
    actions.register_action("cong.portal.retire", _("Ngừng hoạt động cổng"), _("Ngừng hoạt động cổng thông tin"))


@hooks.register("register_admin_urls")
def register_portal_admin_url():
    return [path("cong-thong-tin/", views.portal_admin, name="portal_admin")]


class ProvinceAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_province_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_portal_admin_menu_item():
    return ProvinceAdminMenuItem(_("Cổng thông tin"), reverse("portal_admin"), icon_name="site", order=190)
