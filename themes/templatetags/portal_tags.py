from urllib.parse import urlencode

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.notices.models import Notice
from cms.pages import translations
from sites.routing import tree_memo
from themes import beacon, reading

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level sections of the current portal shown in menus, in tree order; on an English page,
    those of the English section."""
    site = Site.find_for_request(context["request"])
    if not site:
        return []
    menu_root = site.root_page
    page = context.get("page")
    if isinstance(page, Page) and page.locale_id != menu_root.locale_id:  # the English section's own menu
        menu_root = translations.counterpart(menu_root, page.locale.language_code) or menu_root
    return tree_memo(("main_menu", menu_root.pk), lambda: list(
        menu_root.get_children().live().in_menu().only("title", "url_path", "path", "depth")
    ))


@register.simple_tag(takes_context=True)
def record_url(context, index_page, record):
    """URL of a legal document or procedure under the portal's list page, or "" if it has none."""
    return index_page.url_for(record, context.get("request")) if index_page else ""


@register.simple_tag(takes_context=True)
def breadcrumb(context, page):
    site = Site.find_for_request(context["request"])
    if not site or not page:
        return []
    return page.get_ancestors(inclusive=False).filter(depth__gte=site.root_page.depth).specific()


@register.simple_tag(takes_context=True)
def portal_section(context, model_name, section_code=""):
    """The first live page of a type ("pages.SitemapPage") on this portal, optionally by section code."""
    site = Site.find_for_request(context["request"])
    if not site:
        return None

    def first_page():
        pages = apps.get_model(model_name).objects.live().descendant_of(site.root_page)
        if section_code:
            pages = pages.filter(section_code=section_code)
        return pages.order_by("path").first()

    return tree_memo(("portal_section", site.root_page_id, model_name, section_code), first_page)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """Absolute address of the page shown, also from its print view or saved copy."""
    request = context["request"]
    return request.build_absolute_uri(getattr(request, "article_path", request.path))


@register.simple_tag(takes_context=True)
def article_path(context):
    request = context["request"]
    return getattr(request, "article_path", request.path)


@register.simple_tag
def inline_static(path):
    """The text of a static file, for a saved page that must display without the server."""
    location = finders.find(path)
    if not location:
        return ""
    with open(location, encoding="utf-8") as handle:
        return mark_safe(handle.read())


@register.simple_tag(takes_context=True)
def page_alternates(context, page):
    """(language, address) of the page in each language it is published in (hreflang)."""
    return translations.alternates(page, context["request"])


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, name, url) for each interface language other than the current one."""
    request = context["request"]
    current = get_language()
    query = urlencode({"next": request.get_full_path()})
    return [
        (code, translations.language_name(code), f"{reverse('switch_language', args=[code])}?{query}")
        for code, _name in settings.LANGUAGES
        if code != current
    ]


SIZE_SIGNS = {"chu-nho": "A-", "chu-vua": "A", "chu-lon": "A+"}


@register.simple_tag(takes_context=True)
def reading_aids(context):
    """The reading aids chosen (classes for <html>) and the links changing them: sizes as (sign,
    label, url, in use), contrast as (label, url) of the mode not in use."""
    request = context["request"]
    query = urlencode({"next": request.get_full_path()})

    def link(aid):
        return f"{reverse('reading_aid', args=[aid])}?{query}"

    size = reading.current(request, "size")
    sizes = [(sign, reading.AIDS[aid][2], link(aid), aid == size) for aid, sign in SIZE_SIGNS.items()]
    contrast = "tuong-phan-thuong" if reading.current(request, "contrast") == "tuong-phan-cao" else "tuong-phan-cao"
    return {"classes": " ".join(reading.chosen(request)), "sizes": sizes,
            "contrast": (reading.AIDS[contrast][2], link(contrast))}


@register.simple_tag(takes_context=True)
def portal_notices(context):
    """The notices in force on this portal (cms.notices): {"emergency": [...], "ordinary": [...]},
    read once per request."""
    request = context["request"]
    if not hasattr(request, "portal_notices"):
        portal = context.get("portal")
        agency = portal.agency if portal else None
        notices = Notice.objects.shown_to(agency) if agency else []
        request.portal_notices = {
            "emergency": [notice for notice in notices if notice.emergency],
            "ordinary": [notice for notice in notices if not notice.emergency],
        }
    return request.portal_notices


@register.simple_tag(takes_context=True)
def visit_beacon_url(context):
    """The address of this page's visit beacon (themes.beacon)."""
    return beacon.beacon_url(context["request"].path)
