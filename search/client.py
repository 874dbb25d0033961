"""The Elasticsearch client for settings.SEARCH_URL, read at call time (tests change it)."""

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
    return Elasticsearch(url, request_timeout=10, max_retries=1, retry_on_timeout=False)


def client():
    return _client_for(settings.SEARCH_URL)
