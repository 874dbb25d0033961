from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from cms.pages import previews


@hooks.register("register_admin_urls")
def register_preview_link_urls():
    return [
        path("pages/<int:page_id>/lien-ket-xem-truoc/", previews.manage, name="page_preview_links"),
        path("pages/<int:page_id>/lien-ket-xem-truoc/<int:link_id>/thu-hoi/", previews.revoke,
             name="page_preview_link_revoke"),
    ]


class PreviewLinksButton(PageMenuItem):
    label = _("Liên kết xem trước")
    icon_name = "link"
    url_name = "page_preview_links"
    priority = 67

    def is_shown(self, user):
        return self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def preview_link_button(page, user, view_name, next_url=None):
    yield PreviewLinksButton(page=page)


@hooks.register("register_log_actions")
def register_preview_link_actions(actions):
    actions.register_action("cong.preview_link.create", _("Tạo liên kết xem trước"), _("Tạo liên kết xem trước bản nháp"))
    actions.register_action("cong.preview_link.view", _("Xem qua liên kết xem trước"), _("Bản nháp được xem qua liên kết xem trước"))
    actions.register_action("cong.preview_link.revoke", _("Thu hồi liên kết xem trước"), _("Thu hồi liên kết xem trước"))
