"""The database answers when there is no search server, or when it cannot be reached."""

import datetime
import logging

import pytest
from django.core.management import call_command
from django.db import connection

from cms.documents.models import LegalDocument
from cms.procedures.models import Procedure
from cms.records import TEXT_WORDS
from search import fallback
from search.forms import SearchForm
from search.query import search
from search.text_index import TABLES, sqlite_reverse, tables_missing_triggers
from tests.factories import make_document, make_procedure


@pytest.fixture(params=["", "http://127.0.0.1:9"], ids=["no-search-url", "server-unreachable"])
def no_server(request, settings):
    settings.SEARCH_URL = request.param
    return request.param


@pytest.fixture
def records(province, taxonomy):
    decision = make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND",
                             abstract="Quyết định về đường giao thông nông thôn")
    decision.sectors.set([taxonomy["civil_status"]])
    decision.save()
    make_document(province["health"], taxonomy["decision"], "3/QĐ-SYT", abstract="Quyết định về dương liễu")
    make_procedure(province["justice"], taxonomy["civil_status"], "1.0001", name="Đăng ký khai sinh")
    return province


def run(**params):
    form = SearchForm({key: str(value) for key, value in params.items()})
    assert form.is_valid(), form.errors
    return search(form.params())


def test_folded_query_finds_marked_text(no_server, records, caplog):
    with caplog.at_level(logging.WARNING, logger="cong.search"):
        results = run(q="duong")
    assert results.backend == "database"
    assert {hit.number for hit in results.hits} == {"12/2025/QĐ-UBND", "3/QĐ-SYT"}
    fallback_lines = [r for r in caplog.records if r.getMessage().startswith("search fallback:")]
    assert len(fallback_lines) == (1 if no_server else 0)


def test_filters_scope_number_and_facets(no_server, records):
    assert [hit.number for hit in run(q="12/2025/qd-ubnd").hits] == ["12/2025/QĐ-UBND"]
    assert run(q="khai sinh", kind="procedure").total == 1
    assert run(q="duong", sector="ho-tich").total == 1
    on_health = run(q="quyết định", scope=records["portals"]["health"].pk)
    assert [hit.number for hit in on_health.hits] == ["3/QĐ-SYT"]
    facets = {facet.name: {v.value: v.count for v in facet.values} for facet in run(q="quyết định", scope="all").facets}
    assert facets["kind"] == {"document": 2}
    assert facets["sector"] == {"ho-tich": 1}  # the many-to-many facet, counted in its join table


def test_many_valued_facet_counts_the_matches_only(no_server, records, taxonomy):
    other = make_document(records["justice"], taxonomy["decision"], "4/QĐ-STP", abstract="Quyết định về hộ tịch")
    other.sectors.set([taxonomy["civil_status"]])
    other.save()

    def sectors(**params):
        return {v.value: v.count for facet in run(**params).facets if facet.name == "sector" for v in facet.values}

    assert sectors(q="quyết định", kind="document") == {"ho-tich": 2}
    assert sectors(q="đường giao thông", kind="document") == {"ho-tich": 1}
    assert sectors(q="dương liễu", kind="document") == {}
    assert sectors(kind="document") == {"ho-tich": 2}


def test_numbers_with_a_letter_are_found_in_any_spelling(no_server, records, province, taxonomy):
    make_document(province["justice"], taxonomy["decision"], "15a/2019/QĐ-UBND", issue_date=datetime.date(2019, 5, 2))
    for query in ("15a/2019/QĐ-UBND", "15A/2019/qd-ubnd"):
        assert [hit.number for hit in run(q=query).hits] == ["15a/2019/QĐ-UBND"]


def test_highlights_are_escaped(no_server, province, taxonomy):
    make_document(province["justice"], taxonomy["decision"], "1/QĐ-STP", abstract="<script>alert(1)</script> hộ tịch")
    hit = run(q="ho tich").hits[0]
    assert "<script>" not in hit.title and "&lt;script&gt;" in hit.title and "<mark>hộ</mark>" in hit.title


@pytest.mark.parametrize("query", ["", "*", '"', "AND OR", '{"query": 1}', "x" * 300])
def test_odd_queries_answer(no_server, records, query):
    assert run(q=query).total >= 0


def test_word_index_follows_edits_and_deletions(no_server, province, taxonomy):
    document = make_document(province["justice"], taxonomy["decision"], "7/QĐ-STP", abstract="Quy chế thi đua")
    assert run(q="thi dua", kind="document").total == 1
    document.abstract = "Quy chế khen thưởng"
    document.save()
    assert run(q="thi dua", kind="document").total == 0
    assert [hit.number for hit in run(q="khen thuong", kind="document").hits] == ["7/QĐ-STP"]
    document.delete()
    assert run(q="khen thuong", kind="document").total == 0


def test_short_and_quoted_words_match(no_server, records):
    assert run(q="xa hội dương", kind="document").total == 0
    assert run(q="ve duong", kind="document").total == 2  # "về": two letters, a whole word all the same
    assert run(q="uong", kind="document").total == 0  # inside "đường" and "dương", not a word of its own
    assert run(q='duong "duong" """ AND" NEAR(', kind="document").total == 0  # quotes are text, not syntax


def test_a_migration_that_rebuilds_a_record_table_keeps_its_word_index(no_server, province, taxonomy):
    """SQLite drops a table's triggers when a migration rebuilds it (to add a column, say); the
    next migrate puts them back and indexes what was written in between."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its indexes when a table is altered")
    with connection.cursor() as cursor:
        for statement in sqlite_reverse("procedures_procedure")[:3]:
            cursor.execute(statement)
    make_procedure(province["justice"], taxonomy["civil_status"], "1.000020", name="Đăng ký giám hộ")
    assert tables_missing_triggers(connection) == ["procedures_procedure"]
    call_command("migrate", verbosity=0)
    assert tables_missing_triggers(connection) == []
    assert Procedure.objects.matching("giam ho").count() == 1
    make_procedure(province["justice"], taxonomy["civil_status"], "1.000021", name="Đăng ký chấm dứt giám hộ")
    assert Procedure.objects.matching("cham dut giam ho").count() == 1


def test_word_vectors_are_kept_in_the_rows(db):
    """PostgreSQL: a common word's matches are found by a scan of the table, which reads each
    row's word vector: kept in the row (storage MAIN), not in the TOAST table (search.text_index)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's word index is a table of its own")
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute("SELECT attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attname = %s",
                           [table, TEXT_WORDS.vector])
            assert cursor.fetchone() == ("m",)


def test_many_matches_rank_by_title_first_and_page_to_the_end(settings, province, taxonomy, monkeypatch):
    """Beyond RANKED_CANDIDATES matches the whole text is read for the best by title only: the
    record named by the query still comes first, later pages still fill, counts stay exact."""
    settings.SEARCH_URL = ""
    monkeypatch.setattr(fallback, "RANKED_CANDIDATES", 2)
    for number in range(6):
        make_document(province["justice"], taxonomy["decision"], f"{number + 1}/QĐ-STP",
                      abstract=f"Quyết định số {number + 1} về việc phê duyệt", body="<p>Kế hoạch chuyển đổi số</p>",
                      issue_date=datetime.date(2020 + number, 1, 1))
    named = make_document(province["justice"], taxonomy["decision"], "9/QĐ-STP", abstract="Kế hoạch chuyển đổi số",
                          issue_date=datetime.date(2019, 1, 1))
    first = run(q="kế hoạch chuyển đổi số", per_page=5)
    assert first.hits[0].object_id == named.pk
    assert first.total == 7
    second = run(q="kế hoạch chuyển đổi số", per_page=5, page=2)
    assert len(second.hits) == 2
    assert {hit.object_id for hit in first.hits + second.hits} == set(
        LegalDocument.objects.values_list("pk", flat=True))
    years = {facet.name: {v.value: v.count for v in facet.values} for facet in first.facets}["year"]
    assert years == {str(year): 1 for year in range(2019, 2026)}


def test_many_matches_take_candidates_from_titles_in_step_with_edits(settings, province, taxonomy, monkeypatch):
    """Beyond RANKED_CANDIDATES matches the candidates are those whose titles hold the query's words,
    found in the title's word index, which follows every edit of a title."""
    settings.SEARCH_URL = ""
    monkeypatch.setattr(fallback, "RANKED_CANDIDATES", 1)
    plan = "<p>Kế hoạch chuyển đổi số</p>"
    titled = make_document(province["justice"], taxonomy["decision"], "1/QĐ-STP", body=plan,
                           abstract="Kế hoạch chuyển đổi số năm 2020", issue_date=datetime.date(2020, 1, 1))
    others = [make_document(province["justice"], taxonomy["decision"], f"{year}/QĐ-STP", body=plan,
                            abstract="Quyết định phê duyệt dự án", issue_date=datetime.date(year, 1, 1))
              for year in (2024, 2025)]
    first = run(q="kế hoạch chuyển đổi số", per_page=1)
    assert (first.hits[0].object_id, first.total) == (titled.pk, 3)
    titled.abstract, others[0].abstract = others[0].abstract, "Kế hoạch chuyển đổi số năm 2024"
    for document in (titled, others[0]):
        document.save()
    again = run(q="ke hoach chuyen doi so", per_page=1)
    assert (again.hits[0].object_id, again.total) == (others[0].pk, 3)
    assert [hit.object_id for hit in run(q="ke hoach chuyen doi so", per_page=1, page=3).hits] == [titled.pk]
