"""nDCG@10 of the query service over a fixed set of realistic queries on the demo province."""

import math
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import transaction

from cms.documents.models import LegalDocument
from cms.procedures.models import Procedure
from search.forms import SearchForm
from search.indexer import reindex
from search.query import search

QUERIES = Path(__file__).parent / "relevance" / "queries.yaml"
THRESHOLD = 0.85
DEMO_PORTALS = 8


@pytest.fixture(scope="module")
def demo_index(django_db_setup, django_db_blocker, search_server):
    """The demo province, loaded and indexed once for this module, rolled back afterwards so that
    no other test sees it (module rather than session scope for that reason)."""
    from django.conf import settings

    from tests.search.conftest import SESSION_PREFIX, _delete_indices

    previous = settings.SEARCH_URL, settings.SEARCH_INDEX_ALIAS
    settings.SEARCH_URL, settings.SEARCH_INDEX_ALIAS = search_server, f"{SESSION_PREFIX}-demo"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", portals=DEMO_PORTALS, verbosity=0)
        reindex()
        yield
        transaction.set_rollback(True)
    from search.client import client

    _delete_indices(client(), f"{SESSION_PREFIX}-demo-*")
    settings.SEARCH_URL, settings.SEARCH_INDEX_ALIAS = previous


def keys_of(hits):
    documents = dict(LegalDocument.objects.filter(pk__in=[h.object_id for h in hits if h.kind == "document"])
                     .values_list("pk", "number_key"))
    procedures = dict(Procedure.objects.filter(pk__in=[h.object_id for h in hits if h.kind == "procedure"])
                      .values_list("pk", "name"))
    names = {"document": lambda pk: documents[pk], "procedure": lambda pk: f"procedure:{procedures[pk]}"}
    return [names[h.kind](h.object_id) if h.kind in names else f"page:{h.object_id}" for h in hits]


def ndcg_at_10(ranked, expected):
    gains = {key: max(3 - position, 1) for position, key in enumerate(expected)}
    dcg = sum((2 ** gains.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:10]))
    ideal = sum((2 ** gain - 1) / math.log2(i + 2) for i, gain in enumerate(sorted(gains.values(), reverse=True)))
    return dcg / ideal


def evaluate():
    """(mean nDCG@10, [(query, nDCG, top keys)])."""
    rows = []
    for entry in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]:
        form = SearchForm({"q": entry["q"], "scope": "all", "per_page": "10"})
        assert form.is_valid(), form.errors
        ranked = keys_of(search(form.params()).hits)
        rows.append((entry["q"], ndcg_at_10(ranked, entry["expect"]), ranked))
    return sum(score for _q, score, _r in rows) / len(rows), rows


def test_query_set_is_large_enough():
    assert len(yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]) >= 40


@pytest.mark.search_server
def test_ndcg_at_10(demo_index, db):
    score, rows = evaluate()
    worst = sorted(rows, key=lambda row: row[1])[:5]
    print(f"\nnDCG@10 = {score:.3f} over {len(rows)} queries")
    assert score >= THRESHOLD, f"nDCG@10 {score:.3f} < {THRESHOLD}; worst: {worst}"
