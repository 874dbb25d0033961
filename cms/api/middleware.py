"""HTTP caching headers for the public API (ETag/304 comes from ConditionalGetMiddleware)."""

from django.conf import settings
from django.utils.cache import patch_cache_control

API_PREFIX = "/api/"


class ApiCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX) and request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response
