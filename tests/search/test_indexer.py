import pytest
from django.core.management import call_command

from search import indexer
from search.client import UNAVAILABLE, client
from search.models import SearchOutbox
from tests.factories import make_document, make_procedure


@pytest.mark.search_server
def test_drain_indexes_changes_and_unpublish_removes(search_index, province, taxonomy):
    document = make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
    procedure = make_procedure(province["justice"], taxonomy["civil_status"], "1.0001")
    assert search_index.drain() >= 2
    assert {f"document-{document.pk}", f"procedure-{procedure.pk}"} <= search_index.ids()
    assert SearchOutbox.objects.count() == 0

    document.live = False
    document.save()
    search_index.drain()
    assert f"document-{document.pk}" not in search_index.ids()


@pytest.mark.search_server
def test_entry_lists_owner_ancestors_and_concerned_portals(search_index, province, taxonomy):
    document = make_document(province["hospital"], taxonomy["decision"], "7/QĐ-BV")
    document.concerned_agencies.set([province["commune"]])
    document.save()
    search_index.drain()
    source = client().get(index=search_index.alias, id=f"document-{document.pk}")["_source"]
    portals = province["portals"]
    assert sorted(source["portals"]) == sorted([portals["province"].pk, portals["health"].pk, portals["commune"].pk])
    assert source["url"].startswith("http://syt.thunghiem.localhost") and source["path"].endswith(f"/{document.pk}/")


@pytest.mark.search_server
def test_draining_twice_is_harmless(search_index, province, taxonomy):
    document = make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
    rows = list(SearchOutbox.objects.all())
    search_index.drain()
    SearchOutbox.objects.bulk_create([SearchOutbox(kind=r.kind, object_id=r.object_id, action=r.action) for r in rows])
    search_index.drain()
    assert f"document-{document.pk}" in search_index.ids()


@pytest.mark.search_server
def test_reindex_swaps_the_alias_and_removes_the_old_index(search_index, province, taxonomy):
    make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
    first, _count = indexer.reindex()
    second, count = indexer.reindex()
    es = client()
    assert list(es.indices.get_alias(name=search_index.alias)) == [second]
    assert not es.indices.exists(index=first)
    assert count == es.count(index=search_index.alias)["count"] >= 1
    assert SearchOutbox.objects.count() == 0


def test_drain_without_search_url_keeps_the_outbox(settings, province, taxonomy):
    settings.SEARCH_URL = ""
    make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
    backlog = SearchOutbox.objects.count()
    assert indexer.drain() == 0
    assert SearchOutbox.objects.count() == backlog > 0


def test_drain_with_server_down_keeps_the_outbox(settings, province, taxonomy):
    settings.SEARCH_URL = "http://127.0.0.1:9"
    make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
    backlog = SearchOutbox.objects.count()
    with pytest.raises(UNAVAILABLE):
        indexer.drain()
    assert SearchOutbox.objects.count() == backlog


@pytest.mark.search_server
def test_search_command(search_index, province, taxonomy, capsys):
    make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
    call_command("search", "drain")
    call_command("search", "reindex")
    call_command("search", "status")
    output = capsys.readouterr().out
    assert "Thay đổi chờ lập chỉ mục: 0" in output and "Sở Tư pháp" in output
