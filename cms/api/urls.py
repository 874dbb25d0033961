from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail.api.v2.router import WagtailAPIRouter

from cms.api import eoffice, views
from cms.api.wagtail_api import PortalPagesAPIViewSet, PublicDocumentsAPIViewSet, PublicImagesAPIViewSet

wagtail_router = WagtailAPIRouter("wagtailapi")
wagtail_router.register_endpoint("pages", PortalPagesAPIViewSet)
wagtail_router.register_endpoint("images", PublicImagesAPIViewSet)
wagtail_router.register_endpoint("documents", PublicDocumentsAPIViewSet)

urlpatterns = [
    path("v1/documents/", views.DocumentList.as_view(), name="api-documents"),
    path("v1/documents/<int:pk>/", views.DocumentDetail.as_view(), name="api-document"),
    path("v1/procedures/", views.ProcedureList.as_view(), name="api-procedures"),
    path("v1/procedures/<int:pk>/", views.ProcedureDetail.as_view(), name="api-procedure"),
    path("v1/agencies/", views.AgencyList.as_view(), name="api-agencies"),
    path("v1/agencies/<int:pk>/", views.AgencyDetail.as_view(), name="api-agency"),
    path("v1/portals/", views.PortalList.as_view(), name="api-portals"),
    path("v1/search/", views.Search.as_view(), name="api-search"),
    path("v1/eoffice/documents/", eoffice.DocumentPush.as_view(), name="api-eoffice-documents"),
    path("v1/export/documents.json", views.ExportDocuments.as_view(), name="api-export-documents"),
    path("v1/export/documents.xml", views.ExportDocumentsXML.as_view(), name="api-export-documents-xml"),
    path("v1/export/procedures.json", views.ExportProcedures.as_view(), name="api-export-procedures"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("v2/", wagtail_router.urls),
]
