from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from cms.core.admin import ProvinceAdminMenuItem, province_admins_only
from cms.imports import views
from cms.imports.models import CodeMapping


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action("cong.import.document", _("Nhập từ tệp"), _("Văn bản được nhập từ tệp của hệ thống cũ"))
    actions.register_action("cong.import.news", _("Nhập tin từ cổng cũ"), _("Tin bài được nhập từ cổng cũ"))
    actions.register_action("cong.import.procedure", _("Nhập từ CSDL quốc gia"),
                            _("Thủ tục được nhập từ CSDL quốc gia về thủ tục hành chính"))


@hooks.register("register_admin_urls")
def import_urls():
    urls = [
        path("", province_admins_only(views.index), name="index"),
        path("<int:pk>/", province_admins_only(views.run), name="run"),
        path("<int:pk>/nhap/", province_admins_only(views.apply), name="apply"),
    ]
    return [path("nhap-du-lieu/", include((urls, "imports"), namespace="imports"))]


@hooks.register("register_settings_menu_item")
def import_menu_item():
    return ProvinceAdminMenuItem(_("Nhập dữ liệu"), reverse("imports:index"), icon_name="upload", order=900)


class CodeMappingViewSet(ModelViewSet):
    """The national catalogue's codes and what they are here; Django model permissions (province
    administrators). A correction applies at the next import run."""

    model = CodeMapping
    icon = "resubmit"
    menu_label = _("Ánh xạ mã CSDL quốc gia")
    add_to_settings_menu = True
    form_fields = ["kind", "source_code", "source_name", "agency", "sector"]
    list_display = ["source_code", "source_name", "kind", "agency", "sector"]
    list_filter = ["kind"]
    search_fields = ["source_code", "source_name"]


@hooks.register("register_admin_viewset")
def register_code_mappings():
    return CodeMappingViewSet("code_mappings", url_prefix="anh-xa-ma")
