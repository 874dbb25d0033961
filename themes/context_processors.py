from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from cms.core.models import Portal
from themes.loaders import active_theme
from themes.models import ThemeSettings
from themes.registry import get_theme


def _portal_for(request):
    site = Site.find_for_request(request)
    return Portal.for_request(request) if site else None


def _branding_for(request):
    site = Site.find_for_request(request)
    return ThemeSettings.for_request(request) if site else None


def portal(request):
    """The portal serving this request and its branding, looked up only if a template uses them."""
    return {
        "portal": SimpleLazyObject(lambda: _portal_for(request)),
        "branding": SimpleLazyObject(lambda: _branding_for(request)),
        "theme": SimpleLazyObject(lambda: get_theme(active_theme())),
        "article_mode": getattr(request, "article_mode", ""),
    }
