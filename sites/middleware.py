"""Old hostnames of renamed and merged portals."""

from django.http import HttpResponsePermanentRedirect

from cms.core.models import HostnameAlias, portal_address


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
