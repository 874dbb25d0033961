from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.models import Agency
from sites import views


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


@hooks.register("register_admin_viewset")
def register_portal_operations():
    return views.PortalOperations
