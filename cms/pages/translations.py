"""English pages: a portal's English section (/en/, section code "tieng-anh") holds its pages in the
locale en, each linked to the Vietnamese page it translates by Wagtail's translation key.

Wagtail's simple translation module gives every locale a tree of its own, beside the portal's. The
portals' permissions, scoping, cache, search and compliance all follow the portal's own tree, so a
translation is made inside it: under the translation of its parent, and for a top-level section,
under the English section. The portal's home page and its English section stand for each other; they
cannot share a translation key, or Wagtail would route English addresses from the English section.
"""

import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import get_language_info
from wagtail.admin import messages
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, Site

from cms.pages.models import SectionPage

ENGLISH = "en"
ENGLISH_SECTION = "tieng-anh"
ENGLISH_SECTION_SLUG = "en"


class TranslationError(Exception):
    pass


def locale_of(language):
    return Locale.objects.get_or_create(language_code=language)[0]


def english_section(root):
    """The portal's English section under its home page, published or not; None when it has none."""
    return (SectionPage.objects.child_of(root).filter(section_code=ENGLISH_SECTION, locale__language_code=ENGLISH)
            .order_by("path").first())


def _portal_root(page):
    site = page.get_site()
    return site.root_page if site else None


def counterpart(page, language, root=None):
    """The page standing for `page` in `language`: itself, its translation, or, for the portal's home
    page (`root`, found from the page when not given) and its English section, each other. None when
    there is none."""
    if page.locale.language_code == language:
        return page
    root = root or _portal_root(page)
    if root is None:
        return None
    if page.pk == root.pk:
        return english_section(root) if language == ENGLISH else None
    if page.depth == root.depth + 1 and getattr(page.specific, "section_code", "") == ENGLISH_SECTION:
        return root.specific if language == settings.LANGUAGE_CODE else None
    return Page.objects.filter(translation_key=page.translation_key, locale__language_code=language).first()


def translation_parent(page, language):
    """Where the translation of `page` goes: under its parent's counterpart, or for the portal's home
    page, under the home itself (it becomes the English section)."""
    root = _portal_root(page)
    if root is not None and page.pk == root.pk:
        return root if language == ENGLISH else None
    return counterpart(page.get_parent().specific, language)


def translate(page, language, user):
    """A draft copy of `page` in `language`, linked to it, under its parent's counterpart."""
    if counterpart(page, language) is not None:
        raise TranslationError(_("Trang này đã có bản %(language)s.") % {"language": language_name(language)})
    parent = translation_parent(page, language)
    if parent is None:
        raise TranslationError(_("Trang cha chưa có bản %(language)s: hãy dịch trang cha trước.")
                               % {"language": language_name(language)})
    locale = locale_of(language)
    if parent.pk == page.pk:
        return _add_english_section(page, locale, user)
    return page.copy(
        to=parent, update_attrs={"locale": locale, "slug": find_available_slug(parent, page.slug), "section_code": ""},
        keep_live=False, copy_revisions=False, reset_translation_key=False, user=user,
        log_action="wagtail.copy_for_translation",
    )


def _add_english_section(home, locale, user):
    section = SectionPage(title="English", slug=find_available_slug(home, ENGLISH_SECTION_SLUG),
                          section_code=ENGLISH_SECTION, locale=locale, live=False, owner=user)
    home.add_child(instance=section)
    section.save_revision(user=user, log_action=True)
    return section


def landing(request, path, language):
    """Where the language switch on the page at `path` leads: the page's counterpart in `language` if
    it is published; else, going to English, the portal's English section, and leaving it, the home
    page. None when `path` is not a page of this portal or nothing fits (the switch then only changes
    the interface language)."""
    page = Page.find_for_request(request, urlsplit(path).path)
    if page is None:
        return None
    root = _portal_root(page)
    fallback = english_section(root) if language == ENGLISH else root if page.locale.language_code == ENGLISH else None
    target = next((candidate for candidate in (counterpart(page, language, root), fallback) if candidate and candidate.live),
                  None)
    return target.get_url(request) if target else None


def alternates(page, request):
    """(language, absolute address on the host and port the visitor uses) of the page and of each
    published counterpart, for hreflang links; empty when the page has no counterpart."""
    site = Site.find_for_request(request)
    pages = [(code, counterpart(page, code, site.root_page if site else None)) for code, _name in settings.LANGUAGES]
    found = [(code, request.build_absolute_uri(other.get_url(request))) for code, other in pages
             if other is not None and other.live]
    return found if len(found) > 1 else []


def language_name(code):
    """The language's own name, composed (Django's "Tiếng Việt" has combining accents)."""
    return unicodedata.normalize("NFC", get_language_info(code)["name_local"])


# -- admin view -----------------------------------------------------------------------------------

def translate_page(request, page_id, language):
    """Confirm, then make the draft translation of a page and open it in the editor."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or language not in dict(settings.LANGUAGES) or page.locale.language_code == language:
        raise Http404
    page = page.specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    existing = counterpart(page, language)
    if existing is not None:
        return redirect("wagtailadmin_pages:edit", existing.pk)
    parent = translation_parent(page, language)
    if parent is not None and not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    if request.method == "POST":
        try:
            translation = translate(page, language, request.user)
        except TranslationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã tạo bản nháp %(language)s của trang.") % {"language": language_name(language)})
            return redirect("wagtailadmin_pages:edit", translation.pk)
    return TemplateResponse(request, "pages/admin/translate.html", {
        "page": page, "parent": parent, "language": language_name(language),
        "page_title": _("Dịch sang %(language)s: %(title)s") % {"language": language_name(language),
                                                                 "title": page.get_admin_display_title()},
    })
