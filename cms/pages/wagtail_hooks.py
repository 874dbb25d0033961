from django.conf import settings
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from cms.pages import previews, translations


@hooks.register("register_admin_urls")
def register_preview_link_urls():
    return [
        path("pages/<int:page_id>/lien-ket-xem-truoc/", previews.manage, name="page_preview_links"),
        path("pages/<int:page_id>/lien-ket-xem-truoc/<int:link_id>/thu-hoi/", previews.revoke,
             name="page_preview_link_revoke"),
        path("pages/<int:page_id>/dich/<str:language>/", translations.translate_page, name="page_translate"),
    ]


class PreviewLinksButton(PageMenuItem):
    label = _("Liên kết xem trước")
    icon_name = "link"
    url_name = "page_preview_links"
    priority = 67

    def is_shown(self, user):
        return self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()


class TranslateButton(PageMenuItem):
    """Make the page's translation into the other language, when it has none yet."""

    icon_name = "globe"
    priority = 68

    def __init__(self, *, page, language):
        label = _("Dịch sang %(language)s") % {"language": translations.language_name(language)}
        super().__init__(label, reverse("page_translate", args=[page.pk, language]), page=page)
        self.language = language

    def is_shown(self, user):
        return (self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()
                and translations.counterpart(self.page, self.language) is None)


@hooks.register("register_page_header_buttons")
def preview_link_button(page, user, view_name, next_url=None):
    yield PreviewLinksButton(page=page)
    for language, _name in settings.LANGUAGES:
        if language != page.locale.language_code:
            yield TranslateButton(page=page, language=language)


@hooks.register("register_log_actions")
def register_preview_link_actions(actions):
    actions.register_action("cong.preview_link.create", _("Tạo liên kết xem trước"), _("Tạo liên kết xem trước bản nháp"))
    actions.register_action("cong.preview_link.view", _("Xem qua liên kết xem trước"), _("Bản nháp được xem qua liên kết xem trước"))
    actions.register_action("cong.preview_link.revoke", _("Thu hồi liên kết xem trước"), _("Thu hồi liên kết xem trước"))


@hooks.register("before_serve_page")
def speak_the_language_of_the_page(page, request, serve_args, serve_kwargs):
    """An English page gets the English interface, whatever the visitor's cookie says."""
    language = page.locale.language_code
    if language != settings.LANGUAGE_CODE:
        translation.activate(language)
        request.LANGUAGE_CODE = language
