"""Health endpoints for load balancers, answered before any host or portal lookup (a balancer
probes by address, not by portal hostname) and never cached.

- /healthz: the process is up and serving requests; nothing else is asked.
- /readyz: the database and the cache answer. 503 when either does not; the search server being
  down only makes the answer "degraded" (searches then fall back to the database).
"""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from search import client as search_client

PROBE_METHODS = ("GET", "HEAD")
SEARCH_PROBE_SECONDS = 2


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError:
        return "down"


def cache_state():
    key, token = "readyz-probe", uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=30)
        return "ok" if cache.get(key) == token else "down"
    except Exception:  # noqa: BLE001 - each cache backend raises its own errors (redis, memcached)
        return "down"


def search_state():
    if not search_client.enabled():
        return "not-configured"
    try:  # the cluster's health, not ping(): the embedded server has no "/" endpoint (scripts/elasticsearch.sh)
        health = search_client.client().options(request_timeout=SEARCH_PROBE_SECONDS).cluster.health()
    except search_client.UNAVAILABLE:
        return "down"
    return "down" if health["status"] == "red" else "ok"


def readiness():
    checks = {"database": database_state(), "cache": cache_state(), "search": search_state()}
    if "down" in (checks["database"], checks["cache"]):
        return "failed", checks
    return ("degraded" if checks["search"] == "down" else "ok"), checks


def _answer(payload, status=200):
    response = JsonResponse(payload, status=status)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers /healthz and /readyz first of all (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in PROBE_METHODS and request.path == "/healthz":
            return _answer({"status": "ok"})
        if request.method in PROBE_METHODS and request.path == "/readyz":
            status, checks = readiness()
            return _answer({"status": status, "checks": checks}, status=503 if status == "failed" else 200)
        return self.get_response(request)
