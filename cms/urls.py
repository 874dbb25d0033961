from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.pages import previews
from cms.pages.sitemaps import PortalSitemap

urlpatterns = [
    path("admin/", include("cms.core.admin_urls")),  # scoped versions of some of Wagtail's reports
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": PortalSitemap}}, name="sitemap"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("xem-truoc/<str:secret>/", previews.serve, name="page_preview"),
    path("", include("search.urls")),
    path("", include("cms.engagement.urls")),
    path("api/", include("cms.api.urls")),
    path("", include("themes.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "cms.api.errors.not_found"
