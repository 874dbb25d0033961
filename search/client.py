"""The Elasticsearch client for settings.SEARCH_URL, read at call time (tests change it).

SEARCH_URL names one node, or the nodes of a cluster separated by commas: a request that cannot
reach a node is retried on the next one, so a node lost does not fail a search or an update.
"""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError, ConnectionError, TransportError
from elasticsearch.helpers import BulkIndexError

# Everything that means "the search server cannot answer now" (down, unreachable, index missing,
# refusing a request): callers fall back to the database or retry later.
UNAVAILABLE = (ConnectionError, TransportError, ApiError, BulkIndexError)


def enabled():
    return bool(settings.SEARCH_URL)


@lru_cache(maxsize=4)
def _client_for(url):
    nodes = [node.strip() for node in url.split(",") if node.strip()]
    return Elasticsearch(nodes, request_timeout=10, max_retries=len(nodes), retry_on_timeout=False)


def client():
    return _client_for(settings.SEARCH_URL)
