"""The e-office tokens in the admin: created with the key shown once, revoked by unticking."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views import generic

from cms.api.models import EOfficeToken
from cms.core.viewsets import ScopedModelViewSet


class TokenCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        key = instance.new_key()
        instance.save()
        messages.warning(self.request, _("Khóa kết nối của %(name)s: %(key)s — chỉ hiện một lần; hãy nhập ngay vào hệ thống "
                                         "quản lý văn bản.") % {"name": instance.name, "key": key})
        return instance


class EOfficeTokenViewSet(ScopedModelViewSet):
    model = EOfficeToken
    name = "eoffice_tokens"
    icon = "key"
    menu_label = gettext_lazy("Kết nối quản lý văn bản")
    add_to_settings_menu = True
    add_view_class = TokenCreateView
    form_fields = ["agency", "name", "active"]
    list_display = ["name", "agency", "prefix", "active", "last_used_at"]


@hooks.register("register_admin_viewset")
def register_eoffice_tokens():
    return EOfficeTokenViewSet()


@hooks.register("register_log_actions")
def register_eoffice_log_actions(actions):
    actions.register_action("cong.eoffice.push", gettext_lazy("Nhận từ hệ thống quản lý văn bản"),
                            gettext_lazy("Văn bản được gửi từ hệ thống quản lý văn bản"))
