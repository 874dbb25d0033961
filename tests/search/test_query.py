"""Ranking, facets, highlighting and bad input, against the real search server."""

import datetime

import pytest

from cms.documents.models import EffectStatus
from search.forms import SearchForm
from search.query import search
from tests.factories import make_document, make_procedure

pytestmark = pytest.mark.search_server


def run(**params):
    form = SearchForm({key: str(value) for key, value in params.items()})
    assert form.is_valid(), form.errors
    results = search(form.params())
    assert results.backend == "elasticsearch"
    return results


def numbers(results):
    return [hit.number for hit in results.hits]


def doc(province, taxonomy, number, abstract, **fields):
    return make_document(province["justice"], taxonomy["decision"], number, abstract=abstract, **fields)


def test_marked_query_ranks_exact_diacritics_first_and_folded_query_finds_both(search_index, province, taxonomy):
    doc(province, taxonomy, "1/QĐ-STP", "Quyết định về dương cầm")
    doc(province, taxonomy, "2/QĐ-STP", "Quyết định về đường làng")
    search_index.drain()
    assert numbers(run(q="đường"))[0] == "2/QĐ-STP"
    assert numbers(run(q="dương"))[0] == "1/QĐ-STP"
    assert set(numbers(run(q="duong"))) == {"1/QĐ-STP", "2/QĐ-STP"}


def test_title_above_body(search_index, province, taxonomy):
    doc(province, taxonomy, "1/QĐ-STP", "Quyết định về nhà văn hóa", body="<p>Chuyện chợ phiên.</p>")
    doc(province, taxonomy, "2/QĐ-STP", "Quyết định về chợ phiên", body="<p>Chuyện nhà văn hóa.</p>")
    search_index.drain()
    assert numbers(run(q="chợ phiên"))[0] == "2/QĐ-STP"


def test_phrase_above_scattered_words(search_index, province, taxonomy):
    doc(province, taxonomy, "1/QĐ-STP", "Quyết định về sinh hoạt và khai báo")
    doc(province, taxonomy, "2/QĐ-STP", "Quyết định về khai sinh và báo hoạt")
    search_index.drain()
    assert numbers(run(q="khai sinh"))[0] == "2/QĐ-STP"


@pytest.mark.parametrize("query", ["43/2011/NĐ-CP", "43/2011/ND-CP", "nd 43 2011", "Nghị định 43/2011", "nđ-cp 43/2011"])
def test_document_number_in_any_spelling_comes_first(search_index, province, taxonomy, query):
    for number in ("12/2011/NĐ-CP", "43/2012/NĐ-CP", "44/2011/NĐ-CP"):
        make_document(province["root"], taxonomy["decree"], number, abstract="Nghị định về nghị định số 43/2011 cũ",
                      issuing_body="Chính phủ", issue_date=datetime.date(2011, 6, 1))
    make_document(province["root"], taxonomy["decree"], "43/2011/NĐ-CP", abstract="Quy định cung cấp thông tin",
                  issuing_body="Chính phủ", issue_date=datetime.date(2011, 6, 13))
    search_index.drain()
    assert numbers(run(q=query))[0] == "43/2011/NĐ-CP"


def test_in_force_above_expired_at_equal_relevance(search_index, province, taxonomy):
    doc(province, taxonomy, "1/QĐ-STP", "Quyết định về hộ tịch", effect_status=EffectStatus.EXPIRED)
    doc(province, taxonomy, "2/QĐ-STP", "Quyết định về hộ tịch")
    search_index.drain()
    assert numbers(run(q="hộ tịch")) == ["2/QĐ-STP", "1/QĐ-STP"]


def test_scope_and_facets_in_one_answer(search_index, province, taxonomy):
    justice = doc(province, taxonomy, "1/QĐ-STP", "Quyết định về hộ tịch")
    justice.sectors.set([taxonomy["civil_status"]])
    justice.save()
    make_document(province["health"], taxonomy["decision"], "2/QĐ-SYT", abstract="Quyết định về hộ tịch y tế")
    make_procedure(province["justice"], taxonomy["civil_status"], "1.0001", name="Đăng ký hộ tịch")
    search_index.drain()
    everywhere = run(q="hộ tịch", scope="all")
    facets = {facet.name: {v.value: v.count for v in facet.values} for facet in everywhere.facets}
    assert everywhere.total == 3
    assert facets["kind"] == {"document": 2, "procedure": 1}
    assert facets["sector"] == {"ho-tich": 2}
    assert facets["document_type"] == {str(taxonomy["decision"].pk): 2}
    on_justice = run(q="hộ tịch", scope=province["portals"]["justice"].pk)
    assert {hit.number for hit in on_justice.hits} == {"1/QĐ-STP", ""}
    assert run(q="hộ tịch", scope="all", kind="procedure", sector="ho-tich").total == 1


def test_highlight_escapes_source_text(search_index, province, taxonomy):
    doc(province, taxonomy, "1/QĐ-STP", "Quyết định <script>alert('x')</script> về hộ tịch",
        body="<p>&lt;img src=x onerror=alert(1)&gt; hộ tịch</p>")
    search_index.drain()
    hit = run(q="hộ tịch").hits[0]
    assert "<script>" not in hit.title and "&lt;script&gt;" in hit.title
    assert "<img" not in hit.snippet
    assert "<mark>hộ</mark>" in hit.title
    assert set(_tags(hit.title) + _tags(hit.snippet)) <= {"<mark>", "</mark>"}


def _tags(html):
    import re

    return re.findall(r"</?[a-zA-Z][^>]*>", str(html))


def test_misspelling_is_found_and_corrected(search_index, province, taxonomy):
    make_procedure(province["justice"], taxonomy["civil_status"], "1.0001", name="Đăng ký khai sinh")
    search_index.drain()
    results = run(q="dang ky khai sanh")
    assert results.hits and results.hits[0].kind == "procedure"
    assert results.suggestion == "dang ky khai sinh"


@pytest.mark.parametrize("query", ["", "*", '"', "~", "AND OR", '{"query": {"match_all": {}}}', "!!! ??? ...", "x" * 300])
def test_odd_queries_answer(search_index, province, taxonomy, query):
    doc(province, taxonomy, "1/QĐ-STP", "Quyết định về hộ tịch")
    search_index.drain()
    results = run(q=query)
    assert results.total >= 0
    if not query.strip("*\"~!?. "):
        assert results.total == 1  # nothing to match: browse everything


def test_date_range_and_sort(search_index, province, taxonomy):
    doc(province, taxonomy, "1/QĐ-STP", "Quyết định về hộ tịch", issue_date=datetime.date(2020, 1, 1))
    doc(province, taxonomy, "2/QĐ-STP", "Quyết định về hộ tịch", issue_date=datetime.date(2024, 1, 1))
    search_index.drain()
    assert numbers(run(q="hộ tịch", sort="date")) == ["2/QĐ-STP", "1/QĐ-STP"]
    assert numbers(run(q="hộ tịch", date_to="2021-12-31")) == ["1/QĐ-STP"]
    assert numbers(run(q="hộ tịch", year=2024)) == ["2/QĐ-STP"]
