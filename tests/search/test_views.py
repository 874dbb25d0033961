"""The search page and the API's search endpoint: validation errors are 400s, never 500s."""

import pytest

from tests.factories import make_document

BAD_PARAMS = [
    {"page": "-1"}, {"page": "99999999"}, {"per_page": "1000"}, {"q": "x" * 10_000}, {"date_from": "2025-13-40"},
    {"date_from": "2025-05-01", "date_to": "2025-01-01"}, {"sector": "khong-co"}, {"document_type": "999999"},
    {"scope": "999999"}, {"scope": "'; drop table"}, {"kind": "user"}, {"year": "abc"},
    {"page": "2.0"}, {"year": "2025.0"},
]


@pytest.fixture
def portal_client(client, province, settings):
    settings.SEARCH_URL = ""
    client.defaults["HTTP_HOST"] = "stp.thunghiem.localhost"
    return client


@pytest.mark.parametrize("params", BAD_PARAMS)
def test_json_rejects_bad_params_with_field_errors(portal_client, params):
    response = portal_client.get("/api/v1/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] and set(body["fields"]) & set(params)


@pytest.mark.parametrize("params", BAD_PARAMS)
def test_page_shows_bad_params_as_errors(portal_client, params):
    response = portal_client.get("/tim-kiem/", params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_page_lists_results_with_scope_toggle_and_facets(portal_client, province, taxonomy):
    make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-STP", abstract="Quyết định về hộ tịch <b>x</b>")
    html = portal_client.get("/tim-kiem/", {"q": "ho tich"}).content.decode()
    portal = province["portals"]["justice"]
    assert f'name="scope" value="{portal.pk}" checked' in html and 'value="all"' in html
    assert "Cổng này" in html and "Toàn tỉnh" in html
    assert "<mark>hộ</mark>" in html and "&lt;b&gt;" in html
    assert "kind=document" in html  # facet link
    assert '<label for="search-q">' in html


def test_json_answers_with_hits_and_facets(portal_client, province, taxonomy):
    document = make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-STP", abstract="Quyết định về hộ tịch")
    body = portal_client.get("/api/v1/search/", {"q": "hộ tịch", "scope": "all", "kind": "document"}).json()
    assert body["total"] == 1 and body["backend"] == "database"
    assert body["hits"][0]["url"] == f"http://stp.thunghiem.localhost/van-ban/{document.pk}/"
    assert body["facets"]["kind"] == [{"value": "document", "label": "Văn bản", "count": 1}]
