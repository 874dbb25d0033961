from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level sections of the current portal shown in menus, in tree order."""
    site = Site.find_for_request(context["request"])
    if not site:
        return Page.objects.none()
    return site.root_page.get_children().live().in_menu().only("title", "url_path", "path", "depth")


@register.simple_tag
def record_url(index_page, record):
    """URL of a legal document or procedure under the portal's list page, or "" if it has none."""
    return index_page.url_for(record) if index_page else ""


@register.simple_tag(takes_context=True)
def breadcrumb(context, page):
    site = Site.find_for_request(context["request"])
    if not site or not page:
        return []
    return page.get_ancestors(inclusive=False).filter(depth__gte=site.root_page.depth).specific()
