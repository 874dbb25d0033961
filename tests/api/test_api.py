"""Contract tests for every endpoint and filter of the public API."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.core.cache import cache


def get(api, path, status=200, **headers):
    response = api["client"].get(path, **headers)
    assert response.status_code == status, (path, response.status_code, response.content[:500])
    return response


def numbers(response):
    return {item["number"] for item in response.json()["results"]}


@pytest.mark.django_db
class TestDocuments:
    def test_list_is_published_only_with_iso_dates_and_unescaped_vietnamese(self, api):
        response = get(api, "/api/v1/documents/")
        assert numbers(response) == {"123/2015/NĐ-CP", "15/2025/QĐ-UBND"}
        assert "Quy định chi tiết Luật Hộ tịch" in response.content.decode()  # not \\u-escaped
        decree = next(item for item in response.json()["results"] if item["number"] == "123/2015/NĐ-CP")
        assert decree["issue_date"] == "2015-11-15" and decree["sectors"] == ["ho-tich"]

    @pytest.mark.parametrize("query, expected", [
        ("number=123/2015/nd-cp", {"123/2015/NĐ-CP"}),
        ("number=ND-CP 123/2015", {"123/2015/NĐ-CP"}),
        ("document_type={decree}", {"123/2015/NĐ-CP"}),
        ("q=luật hộ tịch", {"123/2015/NĐ-CP"}),
        ("year=2025", {"15/2025/QĐ-UBND"}),
        ("issuing_body=chính phủ", {"123/2015/NĐ-CP"}),
        ("sector=ho-tich", {"123/2015/NĐ-CP"}),
        ("effect_status=het-hieu-luc", set()),
        ("issued_after=2020-01-01", {"15/2025/QĐ-UBND"}),
        ("issued_before=2020-01-01", {"123/2015/NĐ-CP"}),
        ("effective_after=2025-01-01&effective_before=2025-12-31", {"15/2025/QĐ-UBND"}),
    ])
    def test_filters(self, api, query, expected):
        query = query.format(decree=api["taxonomy"]["decree"].pk)
        assert numbers(get(api, "/api/v1/documents/?" + query)) == expected

    def test_portal_filter_follows_the_agency_tree(self, api):
        portals = api["province"]["portals"]
        assert numbers(get(api, f"/api/v1/documents/?portal={portals['justice'].pk}")) == {"15/2025/QĐ-UBND"}
        assert numbers(get(api, f"/api/v1/documents/?portal={portals['health'].pk}")) == set()

    def test_detail_has_relations_both_ways_and_drafts_are_404(self, api):
        decree = get(api, f"/api/v1/documents/{api['decree'].pk}/").json()
        assert decree["relations"] == [{"kind": "inverse_guides", "label": "Được hướng dẫn bởi",
                                        "document_id": api["decision"].pk, "number": "15/2025/QĐ-UBND"}]
        get(api, f"/api/v1/documents/{api['draft'].pk}/", status=404)

    def test_pagination_links(self, api):
        body = get(api, "/api/v1/documents/?limit=1").json()
        assert body["count"] == 2 and body["previous"] is None and "offset=1" in body["next"]
        second = get(api, "/api/v1/documents/?limit=1&offset=1").json()
        assert second["next"] is None and "offset=0" in second["previous"]

    def test_pagination_links_use_the_portals_hostname_not_the_host_header(self, api, settings):
        from wagtail.models import Site

        settings.ALLOWED_HOSTS = [".thunghiem.localhost", "testserver"]
        site = Site.objects.get(is_default_site=True)
        body = get(api, "/api/v1/documents/?limit=1", HTTP_HOST="testserver").json()
        assert body["next"].startswith(f"http://{site.hostname}/api/v1/documents/?")


@pytest.mark.django_db
class TestOtherEndpoints:
    @pytest.mark.parametrize("query, expected", [
        ("code=1.001193", {"Đăng ký khai sinh"}),
        ("sector=y-te", {"Cấp giấy phép hoạt động khám bệnh"}),
        ("level=xa", {"Đăng ký khai sinh"}),
        ("service_level=mot-phan", {"Cấp giấy phép hoạt động khám bệnh"}),
        ("implementing_agency=XTL", {"Đăng ký khai sinh"}),
    ])
    def test_procedure_filters(self, api, query, expected):
        names = {item["name"] for item in get(api, "/api/v1/procedures/?" + query).json()["results"]}
        assert names == expected

    def test_procedure_detail_lists_legal_basis(self, api):
        detail = get(api, f"/api/v1/procedures/{api['procedure'].pk}/").json()
        assert detail["legal_basis"][0]["number"] == "123/2015/NĐ-CP"
        assert detail["required_files"] == [{"name": "Tờ khai", "copies": "01 bản chính", "form_url": None}]
        assert detail["level"] == "xa"
        assert detail["online_guide"] and detail["usage"][0]["received"] == 40

    def test_agencies_form_the_hierarchy(self, api):
        agencies = get(api, "/api/v1/agencies/?limit=100").json()["results"]
        by_code = {agency["code"]: agency for agency in agencies}
        assert by_code["BVDK"]["parent"] == by_code["SYT"]["id"] and by_code["TN"]["parent"] is None
        assert by_code["BVDK"]["portal"] is None and by_code["STP"]["portal"] is not None
        children = get(api, f"/api/v1/agencies/?parent={by_code['SYT']['id']}").json()["results"]
        assert [agency["code"] for agency in children] == ["BVDK"]
        get(api, f"/api/v1/agencies/{by_code['TN']['id']}/")

    def test_portals(self, api):
        hostnames = {portal["hostname"] for portal in get(api, "/api/v1/portals/").json()["results"]}
        assert "stp.thunghiem.localhost" in hostnames

    def test_search_uses_the_query_service(self, api, settings):
        settings.SEARCH_URL = ""
        body = get(api, "/api/v1/search/?q=ho tich&kind=document").json()
        assert body["total"] >= 1 and "facets" in body

    def test_export_json_and_xml(self, api):
        feed = get(api, "/api/v1/export/documents.json").json()
        assert feed["count"] == 2 and "relations" in feed["results"][0]
        xml = get(api, "/api/v1/export/documents.xml").content
        root = ElementTree.fromstring(xml)
        assert root.get("total") == "2" and root.find("document/number").text
        assert get(api, "/api/v1/export/procedures.json").json()["count"] == 2

    def test_wagtail_api_v2_pages_scoped_by_hostname(self, api):
        homes = get(api, "/api/v2/pages/?type=pages.HomePage", HTTP_HOST="stp.thunghiem.localhost").json()["items"]
        assert [page["title"] for page in homes] == ["Sở Tư pháp tỉnh Thử Nghiệm"]
        pages = get(api, "/api/v2/pages/?limit=100", HTTP_HOST="syt.thunghiem.localhost").json()
        assert pages["meta"]["total_count"] > 15
        assert all(page["meta"]["html_url"].startswith("http://syt.thunghiem.localhost/") for page in pages["items"])

    def test_schema_and_docs(self, api):
        schema = get(api, "/api/schema/?format=json").json()
        assert "/api/v1/documents/" in schema["paths"] and schema["openapi"].startswith("3.")
        assert b"swagger" in get(api, "/api/docs/").content.lower()


@pytest.mark.django_db
class TestHttpBehaviour:
    def test_etag_and_304(self, api):
        first = get(api, "/api/v1/documents/")
        assert first["ETag"] and "max-age" in first["Cache-Control"] and first["Last-Modified"]
        again = api["client"].get("/api/v1/documents/", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304

    def test_throttling_answers_429_with_retry_after(self, api, settings):
        settings.API_THROTTLE_RATE = "3/min"
        cache.clear()
        statuses = [api["client"].get("/api/v1/portals/").status_code for _ in range(5)]
        assert statuses[:3] == [200, 200, 200] and statuses[3] == 429
        response = api["client"].get("/api/v1/portals/")
        assert int(response["Retry-After"]) > 0 and "error" in response.json()

    @pytest.mark.parametrize("path", ["/api/v1/portals/", "/api/v2/pages/", "/api/v2/documents/"])
    def test_a_forwarded_for_header_written_by_the_client_does_not_reset_the_limit(self, api, settings, path):
        settings.API_THROTTLE_RATE = "5/min"
        cache.clear()
        statuses = [api["client"].get(path, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(8)]
        assert statuses == [200] * 5 + [429] * 3

    def test_behind_one_proxy_the_address_it_appends_is_the_client(self, api, settings):
        settings.API_THROTTLE_RATE, settings.TRUSTED_PROXY_COUNT = "5/min", 1
        cache.clear()
        spoofed = [api["client"].get("/api/v1/portals/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7").status_code
                   for n in range(8)]
        assert spoofed == [200] * 5 + [429] * 3
        others = {api["client"].get("/api/v1/portals/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
                  for n in range(20, 28)}
        assert others == {200}

    @pytest.mark.parametrize("query, parameter", [
        ("foo=1", "foo"), ("issued_after=2025-13-45", "issued_after"), ("limit=-1", "limit"),
        ("limit=100000", "limit"), ("offset=-5", "offset"), ("offset=0.0", "offset"), ("limit=2.5", "limit"), ("number=' OR 1=1 --", "number"),
        ("effect_status=<script>", "effect_status"), ("year=1900", "year"), ("document_type=Nghị định", "document_type"), ("portal=999999", "portal"), ("portal=abc", "portal"),
        ("issued_after=2025-02-01&issued_before=2025-01-01", "issued_before"), ("sector=%27%3B", "sector"),
    ])
    def test_bad_parameters_are_400_naming_the_parameter(self, api, query, parameter):
        response = get(api, "/api/v1/documents/?" + query, status=400)
        assert parameter in response.json()["fields"]

    def test_non_utf8_bytes_are_a_400(self, api):
        response = api["client"].get("/api/v1/documents/", QUERY_STRING="number=%ff%fe")
        assert response.status_code == 400

    def test_cors_is_configurable(self, api, settings):
        settings.CORS_ALLOWED_ORIGINS = ["https://dichvucong.gov.vn"]
        response = get(api, "/api/v1/portals/", HTTP_ORIGIN="https://dichvucong.gov.vn")
        assert response["Access-Control-Allow-Origin"] == "https://dichvucong.gov.vn"
        assert "Access-Control-Allow-Origin" not in get(api, "/api/v1/portals/", HTTP_ORIGIN="https://evil.example")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/agencies/?parent=%00", "/api/v1/procedures/?implementing_agency=a%00b",
                                  "/api/v1/search/?sector=%00", "/tim-kiem/?sector=%00", "/api/v1/documents/?%00=1"])
def test_nul_characters_are_a_400_on_every_database(api, path):
    response = api["client"].get(path, HTTP_HOST="thunghiem.localhost")
    assert response.status_code == 400
    assert api["client"].get("/api/v1/portals/").status_code == 200  # the transaction is still usable
