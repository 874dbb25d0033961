"""Spam protection without third parties: a per-client rate limit in the Django cache and a
honeypot field. Clients are keyed by a salted hash of their address (no raw IP is stored)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from cms.core.clients import client_address

DEFAULT_LIMIT = (5, 60)  # submissions per window (seconds), per client and per kind of form


def client_key(request):
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def is_throttled(request, scope):
    """Count this submission; True once the client exceeds the limit within `window` seconds of its
    first counted submission (the counter expires with the window, so a burst cannot straddle two
    fixed clock windows and get twice the limit)."""
    limit, window = getattr(settings, "ENGAGEMENT_RATE_LIMIT", DEFAULT_LIMIT)
    key = f"engagement:{scope}:{client_key(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
