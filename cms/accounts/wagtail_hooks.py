from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from cms.accounts import views
from cms.accounts.models import GroupSignInPolicy


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("xac-thuc-hai-lop/", views.setup, name="accounts_two_factor_setup"),
        path("xac-thuc-hai-lop/nhap-ma/", views.verify, name="accounts_two_factor_verify"),
    ]


@hooks.register("register_log_actions")
def sign_in_log_actions(actions):
    actions.register_action("cong.signin", _("Đăng nhập"), _("Đã đăng nhập"))
    actions.register_action("cong.signin.failed", _("Đăng nhập thất bại"), _("Đăng nhập thất bại"))
    actions.register_action("cong.signin.locked", _("Khóa đăng nhập"), _("Tạm khóa đăng nhập sau nhiều lần sai"))
    actions.register_action("cong.two_factor.enabled", _("Bật xác thực hai lớp"), _("Đã bật xác thực hai lớp"))


class GroupSignInPolicyViewSet(ModelViewSet):
    """Which editors' groups must use two-factor sign-in; Django model permissions, so province
    administrators only."""

    model = GroupSignInPolicy
    icon = "key"
    menu_label = _("Xác thực hai lớp theo nhóm")
    add_to_settings_menu = True
    form_fields = ["group", "two_factor_required"]
    list_display = ["group", "two_factor_required"]


@hooks.register("register_admin_viewset")
def register_group_sign_in_policies():
    return GroupSignInPolicyViewSet("group_sign_in_policies", url_prefix="quy-dinh-dang-nhap")
