"""Which hostnames are served at all, and old hostnames of renamed and merged portals."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.core.models import HostnameAlias, portal_address
from sites.routing import tree_memo


def exact_allowed_hosts():
    """ALLOWED_HOSTS entries naming one host (not a ".domain" wildcard or "*") and the admin's own
    host (WAGTAILADMIN_BASE_URL): served whether or not a site has that hostname."""
    admin_host = urlsplit(settings.WAGTAILADMIN_BASE_URL or "").hostname
    named = {host.lower() for host in settings.ALLOWED_HOSTS if host and not host.startswith((".", "*"))}
    return named | ({admin_host} if admin_host else set())


def served_hostnames():
    """Hostnames of the sites and their aliases, plus the exact allowed hosts; kept per process
    until a site, portal or alias changes (the ROUTING generation)."""
    def compute():
        sites = Site.objects.values_list("hostname", flat=True)
        aliases = HostnameAlias.objects.values_list("hostname", flat=True)
        return frozenset(name.lower() for name in [*sites, *aliases]) | exact_allowed_hosts()

    return tree_memo("served-hostnames", compute)


class KnownHostMiddleware:
    """404 for a hostname that a wildcard in ALLOWED_HOSTS lets in but no portal serves, before the
    page cache: made-up subdomains never fill the cache or the page files, and no link is built
    from them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname, _port = split_domain_port(request.get_host())
        if hostname.lower() not in served_hostnames():
            return HttpResponseNotFound(_("Không có cổng thông tin nào ở địa chỉ này."),
                                        content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class HostnameAliasMiddleware:
    """301 from a renamed or merged portal's old hostname to where its pages live now.

    One indexed lookup by hostname; the cost does not grow with the number of portals.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = request.get_host().split(":")[0].lower()
        alias = HostnameAlias.objects.filter(hostname=hostname).select_related("portal__site").first()
        if alias is None:
            return self.get_response(request)
        target = portal_address(alias.portal.site, request).rstrip("/")
        return HttpResponsePermanentRedirect(target + alias.path_prefix + request.get_full_path())
