"""Wagtail's API v2, scoped to the portal whose hostname the request names and throttled like
the project's own API."""

from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.api.throttling import ClientThrottle


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    throttle_classes = [ClientThrottle]


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    throttle_classes = [ClientThrottle]


class PortalPagesAPIViewSet(PagesAPIViewSet):
    """Live public pages of the requested portal only: Wagtail's `site` parameter, which would
    read another portal's pages through this one's hostname, is refused with a 400."""

    throttle_classes = [ClientThrottle]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.difference({"site"})

    def get_base_queryset(self):
        if "site" in self.request.GET:
            raise BadRequestError(_("Tham số “site” không được hỗ trợ: mỗi cổng chỉ trả về trang của chính cổng đó."))
        return super().get_base_queryset()
