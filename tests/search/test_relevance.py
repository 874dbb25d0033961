"""nDCG@10 of the query service on the independent relevance set (tests/data/search/relevance: real
documents and procedures, graded queries written before tuning). The assertions read the test half
only; the tuning half is for tuning. bench/search_quality.py reports both halves."""

import pytest
from django.db import connection, transaction

from search import fallback
from search.indexer import reindex
from search.query import search
from tests.search.relevance_set import evaluate, load, queries

# Floors: the goal for the fallback (0.80, reached: 0.855); for Elasticsearch a little below what it reaches
# (0.881), short of its goal of 0.90.
ELASTICSEARCH_FLOOR = 0.85
DATABASE_FLOOR = 0.80


@pytest.fixture(scope="module")
def relevance_set(django_db_setup, django_db_blocker):
    """The set, loaded once for this module through the imports, rolled back afterwards. PostgreSQL
    gathers statistics of the loaded tables, as autovacuum does after an import: without them it
    plans for the tables as they were before (nearly empty) and reads them once per row."""
    with django_db_blocker.unblock(), transaction.atomic():
        loaded = load()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield loaded
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def relevance_index(relevance_set, search_server, django_db_blocker):
    from django.conf import settings

    from search.client import client
    from tests.search.conftest import SESSION_PREFIX, _delete_indices

    previous = settings.SEARCH_URL, settings.SEARCH_INDEX_ALIAS
    settings.SEARCH_URL, settings.SEARCH_INDEX_ALIAS = search_server, f"{SESSION_PREFIX}-relevance"
    with django_db_blocker.unblock():
        reindex()
    yield
    _delete_indices(client(), f"{SESSION_PREFIX}-relevance-*")
    settings.SEARCH_URL, settings.SEARCH_INDEX_ALIAS = previous


def test_the_set_has_two_equal_halves_of_graded_queries():
    halves = [entry["half"] for entry in queries()]
    assert len(halves) >= 150 and halves.count("test") == halves.count("tuning")
    assert all(any(item["grade"] == 3 for item in entry["relevant"]) for entry in queries())


def test_every_record_of_the_set_is_imported(relevance_set, db):
    assert relevance_set["documents"].count("error") == 0, relevance_set["documents"].outcomes
    assert relevance_set["procedures"].count("error") == 0, relevance_set["procedures"].outcomes


def assert_good_enough(halves, floor):
    test = halves["test"]
    worst = sorted(test["rows"], key=lambda row: row[1])[:5]
    print(f"\nnDCG@10: tuning {halves['tuning']['ndcg']:.3f}, test {test['ndcg']:.3f}")
    assert not test["empty"], f"queries without results: {test['empty']}"
    assert test["ndcg"] >= floor, f"nDCG@10 {test['ndcg']:.3f} < {floor}; worst: {worst}"


@pytest.mark.search_server
def test_elasticsearch_ranks_the_test_half_well(relevance_index, db):
    assert_good_enough(evaluate(search), ELASTICSEARCH_FLOOR)


def test_the_database_fallback_ranks_the_test_half_well(relevance_set, db):
    assert_good_enough(evaluate(fallback.search), DATABASE_FLOOR)
