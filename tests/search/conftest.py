"""Search fixtures: a real Elasticsearch (TEST_SEARCH_URL) with a unique alias per test."""

import itertools
import os
import uuid

import pytest

from search.client import client

SESSION_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
_counter = itertools.count()


def _delete_indices(es, pattern):
    for name in es.indices.get(index=pattern, expand_wildcards="all"):
        es.indices.delete(index=name)


@pytest.fixture(scope="session")
def search_server():
    """The test server's URL; skips when the suite runs without one. Deletes this session's indices."""
    url = os.environ.get("TEST_SEARCH_URL")
    if not url:
        pytest.skip("TEST_SEARCH_URL is not set: start scripts/elasticsearch.sh (scripts/test does) to run search server tests")
    yield url
    from elasticsearch import Elasticsearch

    _delete_indices(Elasticsearch(url), f"{SESSION_PREFIX}-*")


# For tests run with both engines: @pytest.mark.parametrize("engine", ENGINES, indirect=True).
ENGINES = ["database", pytest.param("elasticsearch", marks=pytest.mark.search_server)]


@pytest.fixture
def engine(request, settings):
    """The engine a test searches with (ENGINES); engine.ready() before searching."""
    if request.param == "elasticsearch":
        return request.getfixturevalue("search_index")
    settings.SEARCH_URL = ""
    return Database()


class Database:
    def ready(self):
        """The database answers from what it holds."""


@pytest.fixture
def search_index(search_server, settings):
    """Points the project at the test server under a fresh alias; helpers to drain and refresh."""
    settings.SEARCH_URL = search_server
    settings.SEARCH_INDEX_ALIAS = f"{SESSION_PREFIX}-{next(_counter)}"
    yield SearchIndex(settings.SEARCH_INDEX_ALIAS)
    _delete_indices(client(), f"{settings.SEARCH_INDEX_ALIAS}-*")


class SearchIndex:
    """Refresh after writes so tests never sleep."""

    def __init__(self, alias):
        self.alias = alias

    def ready(self):
        """Index what was written and make it searchable."""
        self.drain()

    def drain(self):
        from search.indexer import drain

        done = drain()
        client().indices.refresh(index=self.alias)
        return done

    def ids(self):
        response = client().search(index=self.alias, size=1000, query={"match_all": {}})
        return {hit["_id"] for hit in response["hits"]["hits"]}
