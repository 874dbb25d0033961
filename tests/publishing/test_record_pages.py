"""Gazette issues, projects and science programmes are records with their fields (Decree 43/2011
Art. 10.1 g and h, Art. 11): refused at publication without them, counted in their section only as
such records, measured from their approval day, shown to citizens field by field."""

import datetime

import pytest
from django.utils import timezone

from cms.pages.models import GazetteIssuePage, NewsIndexPage, ProjectPage, ScienceProgrammePage
from cms.publishing.guard import PublishRefused
from cms.publishing.rules import load_ruleset
from cms.publishing.sections import section_page
from tests.factories import (PROVINCE, gazette_issue, get, make_document, news_article, project_page, publish,
                             science_programme)
from tests.publishing.test_compliance import result_for, running_for, score


def refusal(page):
    with pytest.raises(PublishRefused) as info:
        page.save_revision().publish()
    return str(info.value)


@pytest.fixture
def sections(province):
    portal = province["portals"]["province"]
    return {code: section_page(portal, code) for code in ("cong-bao", "du-an-dau-tu", "khoa-hoc", "tin-tuc")}


@pytest.mark.django_db
class TestPublishGate:
    def test_a_project_without_its_fields_is_refused_naming_each_and_point_h(self, sections):
        project = project_page(sections["du-an-dau-tu"], live=False, donor="", budget="")
        message = refusal(project)
        assert "nhà tài trợ" in message and "tổng mức đầu tư, kinh phí" in message
        assert "Điểm h khoản 1 Điều 10" in message
        project.donor, project.budget = "Không", "148 tỷ đồng"
        publish(project)
        assert ProjectPage.objects.get(pk=project.pk).live

    def test_a_gazette_issue_needs_its_documents_each_with_number_and_abstract(self, sections):
        empty = gazette_issue(sections["cong-bao"], live=False, entries=())
        assert "danh mục văn bản" in refusal(empty)
        unnamed = gazette_issue(sections["cong-bao"], slug="so-13", live=False, entries=(("13/2026/QĐ-UBND", ""),))
        assert "Điểm g khoản 1 Điều 10" in refusal(unnamed)
        publish(gazette_issue(sections["cong-bao"], slug="so-14"))

    def test_an_accepted_programme_owes_its_results_one_under_way_does_not(self, sections):
        under_way = science_programme(sections["khoa-hoc"], live=False, accepted=False, results_summary="",
                                      application_report="")
        publish(under_way)
        accepted = science_programme(sections["khoa-hoc"], slug="da-nghiem-thu", live=False, application_report="")
        message = refusal(accepted)
        assert "báo cáo ứng dụng kết quả" in message and "Điều 11" in message
        assert "mã số" in refusal(science_programme(sections["khoa-hoc"], slug="thieu-ma", live=False, programme_code=""))


@pytest.mark.django_db
def test_each_record_is_created_only_in_its_own_section(sections):
    creatable = {code: {model for model in (GazetteIssuePage, ProjectPage, ScienceProgrammePage)
                        if model.can_create_at(page)} for code, page in sections.items()}
    assert creatable == {"cong-bao": {GazetteIssuePage}, "du-an-dau-tu": {ProjectPage},
                         "khoa-hoc": {ScienceProgrammePage}, "tin-tuc": set()}


@pytest.mark.django_db
class TestReport:
    def test_a_project_section_with_articles_only_fails_and_says_why(self, good_portal):
        assert score(good_portal, "nd43-a10h-du-an-dau-tu") == 1
        ProjectPage.objects.descendant_of(good_portal.site.root_page).get().unpublish()
        result = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a10h-du-an-dau-tu")
        assert result["score"] == 0 and "dự án, gói thầu" in str(result["details"])
        assert NewsIndexPage.objects.get(pk=section_page(good_portal, "du-an-dau-tu").pk).get_children().live().exists()

    def test_a_project_posted_late_is_measured_from_its_approval_day(self, good_portal):
        running_for(good_portal, 400)
        publish(project_page(section_page(good_portal, "du-an-dau-tu"), slug="tre-han", title="Dự án kè sông Lô",
                             decision_date=timezone.localdate() - datetime.timedelta(days=40)))
        result = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a17d-bai-ke-hoach-du-an")
        assert result["score"] < 1 and "Dự án kè sông Lô" in str(result["details"])


@pytest.mark.django_db
def test_citizens_see_each_field_and_the_gazettes_documents(client, province, taxonomy, sections):
    document = make_document(province["root"], taxonomy["decision"], "12/2026/QĐ-UBND")
    issue = gazette_issue(sections["cong-bao"])
    entry = issue.entries.get()
    entry.document = document
    entry.save()
    publish(issue)
    publish(project_page(sections["du-an-dau-tu"]))
    publish(news_article(sections["du-an-dau-tu"], slug="tin-du-an", title="Khởi công dự án"))
    page = get(client, PROVINCE, "/cong-bao/cong-bao-so-12/").content.decode()
    assert "Số 12" in page and "02/03/2026" in page and "Quy định quản lý chợ trên địa bàn tỉnh." in page
    assert f'/van-ban/{document.pk}/"' in page
    project = get(client, PROVINCE, "/du-an-dau-tu/du-an-duong-312/").content.decode()
    for text in ("Mục tiêu", "Bảo đảm an toàn giao thông.", "Nhà tài trợ", "148 tỷ đồng", "Đang thi công"):
        assert text in project, text
    listing = get(client, PROVINCE, "/du-an-dau-tu/").content.decode()
    assert "Dự án nâng cấp đường tỉnh 312" in listing and "Khởi công dự án" in listing


@pytest.mark.django_db
def test_search_indexes_a_records_fields_and_the_gazettes_documents(sections):
    project = publish(project_page(sections["du-an-dau-tu"], donor="Ngân hàng Thế giới"))
    issue = publish(gazette_issue(sections["cong-bao"]))
    assert "Ngân hàng Thế giới" in project.record_text() and "Giao thông" in project.record_text()
    assert "12/2026/QĐ-UBND Quy định quản lý chợ" in GazetteIssuePage.objects.get(pk=issue.pk).record_text()
