"""The public API's rate limit: per client address (cms.core.clients), for everyone."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from cms.core.clients import client_address


class ClientThrottle(AnonRateThrottle):
    """API_THROTTLE_RATE requests per client address, read at request time. The address is the
    project's own (cms.core.clients.client_address), never DRF's reading of X-Forwarded-For,
    which a client writes freely."""

    scope = "api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
