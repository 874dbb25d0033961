"""Guards every admin URL that names an object of an agency-scoped model or a portal's settings."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponsePermanentRedirect
from django.contrib.admin.utils import unquote
from wagtail.models import Site

from sites.permissions import managed_agency_ids

# Admin URL namespace -> (model, agency field), registered by each scoped snippet viewset.
SCOPED_NAMESPACES = {}


def register_scoped_viewset(namespace, model, agency_field):
    SCOPED_NAMESPACES[namespace] = (model, agency_field)


class AgencyScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.user.is_authenticated or not match.namespace:
            return None
        scope = managed_agency_ids(request.user)
        if scope is None:
            return None
        agency_id = self._agency_of_target(match, view_kwargs)
        if agency_id is not _NO_TARGET and agency_id not in scope:
            raise PermissionDenied
        return None

    def _agency_of_target(self, match, kwargs):
        if match.namespace == "wagtailsettings" and "pk" in kwargs:
            from cms.core.models import Portal

            portal = Portal.objects.filter(site_id=kwargs["pk"]).values("agency_id").first()
            if portal is None and not Site.objects.filter(pk=kwargs["pk"]).exists():
                raise Http404
            return portal["agency_id"] if portal else None
        target = SCOPED_NAMESPACES.get(match.namespace.split(":")[0])
        pk = kwargs.get("pk")
        if target is None or pk is None:
            return _NO_TARGET
        model, agency_field = target
        row = model._default_manager.filter(pk=unquote(str(pk))).values(f"{agency_field}_id").first()
        if row is None:
            raise Http404
        return row[f"{agency_field}_id"]


_NO_TARGET = object()


class HostnameAliasMiddleware:
    """301 from a renamed or merged portal's old hostname to where its pages live now.

    One indexed lookup by hostname; the cost does not grow with the number of portals.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from cms.core.models import HostnameAlias, portal_address

        hostname = request.get_host().split(":")[0].lower()
        alias = HostnameAlias.objects.filter(hostname=hostname).select_related("portal__site").first()
        if alias is None:
            return self.get_response(request)
        target = portal_address(alias.portal.site, request).rstrip("/")
        return HttpResponsePermanentRedirect(target + alias.path_prefix + request.get_full_path())
