"""Every page type renders on its portal, and records appear on the portals they concern."""

import datetime

import pytest

from cms.documents.models import DocumentRelation
from cms.pages.models import LeaderPage, NewsArticlePage, NewsIndexPage, OrganisationPage
from tests.factories import make_document, make_procedure

PROVINCE = "thunghiem.localhost"
JUSTICE = "stp.thunghiem.localhost"
HEALTH = "syt.thunghiem.localhost"
COMMUNE = "tanlap.thunghiem.localhost"


def get(client, host, path, status=200):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == status, (host, path, response.status_code)
    return response.content.decode()


@pytest.fixture
def content(province, taxonomy):
    justice, root = province["justice"], province["root"]
    decree = make_document(root, taxonomy["decree"], "123/2015/NĐ-CP", issuing_body="Chính phủ",
                           abstract="Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
                           issue_date=datetime.date(2015, 11, 15))
    decision = make_document(justice, taxonomy["decision"], "15/2025/QĐ-UBND",
                             abstract="Ban hành quy định quản lý hộ tịch trên địa bàn tỉnh")
    DocumentRelation.objects.create(source=decision, target=decree, kind="guides")
    draft = make_document(justice, taxonomy["decision"], "16/2025/QĐ-UBND", live=False, abstract="Dự thảo chưa ban hành")
    for_health = make_document(root, taxonomy["decision"], "17/2025/QĐ-UBND", abstract="Quy định về khám chữa bệnh")
    for_health.concerned_agencies.add(province["health"])
    for_health.save()
    from_hospital = make_document(province["hospital"], taxonomy["decision"], "18/QĐ-BV", abstract="Quy chế bệnh viện")
    procedure = make_procedure(justice, taxonomy["civil_status"], "1.001193", name="Đăng ký khai sinh",
                               result="Giấy khai sinh", legal_basis=[decree])
    procedure.implementing_agencies.add(province["commune"])
    procedure.save()
    return {"decree": decree, "decision": decision, "draft": draft, "for_health": for_health,
            "from_hospital": from_hospital, "procedure": procedure}


@pytest.mark.django_db
class TestPortalScope:
    def test_document_appears_on_owner_and_ancestor_portals_only(self, client, content):
        assert "15/2025/QĐ-UBND" in get(client, JUSTICE, "/van-ban/")
        assert "15/2025/QĐ-UBND" in get(client, PROVINCE, "/van-ban/")
        assert "15/2025/QĐ-UBND" not in get(client, HEALTH, "/van-ban/")

    def test_document_concerning_an_agency_appears_on_its_portal(self, client, content):
        assert "17/2025/QĐ-UBND" in get(client, HEALTH, "/van-ban/")
        assert "17/2025/QĐ-UBND" not in get(client, JUSTICE, "/van-ban/")

    def test_sub_unit_documents_appear_on_the_parent_portal(self, client, content):
        assert "18/QĐ-BV" in get(client, HEALTH, "/van-ban/")

    def test_drafts_never_appear(self, client, content):
        assert "16/2025/QĐ-UBND" not in get(client, JUSTICE, "/van-ban/")
        get(client, JUSTICE, f"/van-ban/{content['draft'].pk}/", status=404)

    def test_document_of_another_portal_is_not_reachable_by_id(self, client, content):
        get(client, HEALTH, f"/van-ban/{content['decision'].pk}/", status=404)

    def test_procedure_appears_on_implementing_agency_portal(self, client, content):
        assert "Đăng ký khai sinh" in get(client, COMMUNE, "/dich-vu-cong/")
        assert "Đăng ký khai sinh" not in get(client, HEALTH, "/dich-vu-cong/")


@pytest.mark.django_db
class TestDocumentPages:
    def test_detail_shows_metadata_and_relations_both_ways(self, client, content):
        decision_page = get(client, PROVINCE, f"/van-ban/{content['decision'].pk}/")
        assert "Hướng dẫn" in decision_page and "123/2015/NĐ-CP" in decision_page
        assert 'name="DC.identifier" content="15/2025/QĐ-UBND"' in decision_page
        decree_page = get(client, PROVINCE, f"/van-ban/{content['decree'].pk}/")
        assert "Được hướng dẫn bởi" in decree_page and "15/2025/QĐ-UBND" in decree_page

    @pytest.mark.parametrize("query, expected, absent", [
        ("document_type={decree}", "123/2015/NĐ-CP", "15/2025/QĐ-UBND"),
        ("year=2015", "123/2015/NĐ-CP", "15/2025/QĐ-UBND"),
        ("q=ho tich", "15/2025/QĐ-UBND", "17/2025/QĐ-UBND"),
        ("q=43/2011/nd-cp", "Không có văn bản nào", "15/2025/QĐ-UBND"),
        ("q=123/2015/ND-CP", "123/2015/NĐ-CP", "15/2025/QĐ-UBND"),
        ("sector={civil_status}", "Không có văn bản nào", "15/2025/QĐ-UBND"),
        ("effect_status=het-hieu-luc", "Không có văn bản nào", "15/2025/QĐ-UBND"),
    ])
    def test_filters(self, client, content, taxonomy, query, expected, absent):
        html = get(client, PROVINCE, "/van-ban/?" + query.format(decree=taxonomy["decree"].pk,
                                                                  civil_status=taxonomy["civil_status"].code))
        assert expected in html and absent not in html

    @pytest.mark.parametrize("query", ["year=abc", "year=-5", "document_type=999999", "page=-1", "page=9999",
                                       "page=abc", "effect_status=<script>", "q=" + "x" * 5000])
    def test_bad_filter_values_give_a_page_not_an_error(self, client, content, query):
        html = get(client, PROVINCE, "/van-ban/?" + query)
        assert "<script>" not in html

    def test_nul_character_is_a_bad_request(self, client, content):
        get(client, PROVINCE, "/van-ban/?sector=%00", status=400)


@pytest.mark.django_db
class TestEveryPageType:
    def test_home_page_shows_agency_news_documents_and_component_portals(self, client, content):
        html = get(client, PROVINCE, "/")
        assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in html
        assert "Sở Tư pháp tỉnh Thử Nghiệm" in html  # component portal link
        assert "15/2025/QĐ-UBND" in html
        assert "Người chịu trách nhiệm" in html and "Nguyễn Văn A" in html

    def test_sections_from_the_blueprint_render(self, client, content):
        for path in ["/gioi-thieu/", "/gioi-thieu/co-cau-to-chuc/", "/tin-tuc/", "/chi-dao-dieu-hanh/",
                     "/lien-he/", "/so-do-cong/", "/dich-vu-cong/", "/van-ban/"]:
            get(client, JUSTICE, path)

    def test_news_article_shows_author_and_source(self, client, province):
        news = NewsIndexPage.objects.get(url_path__startswith="/stp/", slug="tin-tuc")
        article = NewsArticlePage(title="Hội nghị triển khai Luật Hộ tịch", slug="hoi-nghi", date=datetime.date(2026, 1, 5),
                                  intro="Sáng nay, Sở Tư pháp tổ chức hội nghị.", body="<p>Nội dung</p>",
                                  author="Lê Thị C", source="Báo Thử Nghiệm", origin="dang-lai")
        news.add_child(instance=article)
        article.save_revision().publish()
        assert "Hội nghị triển khai Luật Hộ tịch" in get(client, JUSTICE, "/tin-tuc/")
        html = get(client, JUSTICE, "/tin-tuc/hoi-nghi/")
        assert "Lê Thị C" in html and "Báo Thử Nghiệm" in html

    def test_leader_page_and_organisation(self, client, province):
        organisation = OrganisationPage.objects.get(url_path__startswith="/stp/")
        leader = LeaderPage(title="Phạm Văn D", slug="pham-van-d", position="Giám đốc Sở", biography="<p>Tiểu sử</p>")
        organisation.add_child(instance=leader)
        leader.save_revision().publish()
        assert "Phạm Văn D" in get(client, JUSTICE, "/gioi-thieu/co-cau-to-chuc/")
        assert "Giám đốc Sở" in get(client, JUSTICE, "/gioi-thieu/co-cau-to-chuc/pham-van-d/")

    def test_procedure_detail_lists_circular_32_fields_and_legal_basis(self, client, content):
        html = get(client, COMMUNE, f"/dich-vu-cong/{content['procedure'].pk}/")
        for label in ["Mã thủ tục", "Trình tự thực hiện", "Cách thức thực hiện", "Thành phần hồ sơ", "Thời hạn giải quyết",
                      "Đối tượng thực hiện", "Kết quả thực hiện", "Phí, lệ phí", "Yêu cầu, điều kiện", "Căn cứ pháp lý"]:
            assert label in html
        assert "123/2015/NĐ-CP" in html and "Giấy khai sinh" in html

    def test_contact_page_lists_portal_contact_and_officials(self, client, province):
        from cms.organisation.models import OfficialContact

        OfficialContact.objects.create(agency=province["root"], full_name="Hoàng Văn E", title="Chánh Văn phòng",
                                       phone="0201 333", email="hve@thunghiem.gov.vn")
        html = get(client, PROVINCE, "/lien-he/")
        assert "Hoàng Văn E" in html and "Số 1 Lê Lợi" in html

    def test_site_map_html_and_xml(self, client, province):
        assert "Tin tức, sự kiện" in get(client, JUSTICE, "/so-do-cong/")
        xml = get(client, JUSTICE, "/sitemap.xml")
        assert "http://stp.thunghiem.localhost/gioi-thieu/" in xml
        assert "http://thunghiem.localhost/" not in xml
