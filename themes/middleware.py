from wagtail.models import Site

from themes.loaders import theme_resolved_by
from themes.models import ThemeSettings


def theme_for_request(request):
    """The registry key of the theme the portal serving this request uses (None off-portal)."""
    site = Site.find_for_request(request)
    return ThemeSettings.for_request(request).theme_definition.key if site else None


class ThemeMiddleware:
    """Makes the portal's theme the one templates are looked up in while the response is built."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with theme_resolved_by(lambda: theme_for_request(request)):
            return self.get_response(request)
