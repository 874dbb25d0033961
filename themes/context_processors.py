from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _portal_for(request):
    from sites.models import Portal

    site = Site.find_for_request(request)
    return Portal.for_site(site) if site else None


def _branding_for(request):
    from themes.models import ThemeSettings

    site = Site.find_for_request(request)
    return ThemeSettings.for_site(site) if site else None


def portal(request):
    """The portal serving this request and its branding, looked up only if a template uses them."""
    return {
        "portal": SimpleLazyObject(lambda: _portal_for(request)),
        "branding": SimpleLazyObject(lambda: _branding_for(request)),
    }
