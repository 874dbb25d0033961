"""Builders for portals that pass (or break) publishing rules."""

import datetime

import pytest
from django.utils import timezone

from cms.engagement.models import ConsultationIndexPage, Question, QuestionStatus, Rating
from cms.organisation.models import OfficialContact
from cms.pages.models import NewsIndexPage, SectionPage
from cms.publishing.models import PublishingSettings
from cms.publishing.sections import section_page
from cms.publishing.workflows import ensure_portal_workflow
from tests.conftest import rows_for_the_module, rows_for_the_test
from tests.factories import (consultation_draft, gazette_issue, make_document, make_procedure, make_user, news_article,
                             project_page, publish, science_programme)


ENGLISH_INTRODUCTION = (
    "<h2>About the Provincial People's Committee</h2><p>The People's Committee of Thu Nghiem Province is the "
    "executive body of the Provincial People's Council and the state administrative authority in the province. "
    "It is organised into specialised departments, including the Department of Justice, the Department of "
    "Health and the Department of Finance, and it directs the People's Committees of the communes and wards.</p>"
    "<p>Its functions are to implement the Constitution, the laws and the resolutions of the Council, to manage "
    "the economy, society, culture and security of the province, and to serve its citizens and businesses.</p>"
    "<h2>Contacts</h2><p>Office of the Provincial People's Committee, 1 Tran Hung Dao Street. "
    "Phone: +84 203 3825 111. Email: vanphong@thunghiem.gov.vn</p>"
)


@pytest.fixture
def ruleset_code(request):
    return getattr(request, "param", "nd43-2011")


@pytest.fixture
def use_ruleset(db):
    def choose(code):
        settings = PublishingSettings.load()
        settings.ruleset = code
        settings.save()

    return choose


@pytest.fixture(scope="module")
def _good_portal_rows(request, _province_rows, _taxonomy_rows, django_db_blocker):
    yield from rows_for_the_module(request, "good_portal", django_db_blocker, build_good_portal, _province_rows,
                                   _taxonomy_rows)


@pytest.fixture
def good_portal(_good_portal_rows, province, taxonomy):
    return rows_for_the_test(_good_portal_rows, build_good_portal, province, taxonomy)


def build_good_portal(province, taxonomy):
    """The provincial portal with every section filled: passes every measured rule."""
    portal = province["portals"]["province"]
    home = portal.site.root_page.specific
    home.search_description = "Cổng thông tin điện tử tỉnh Thử Nghiệm"
    publish(home)
    approved = timezone.localdate() - datetime.timedelta(days=3)
    for index_page in NewsIndexPage.objects.descendant_of(home):
        publish(news_article(index_page, slug=f"tin-{index_page.slug}", decision_date=approved))
    publish(gazette_issue(section_page(portal, "cong-bao")))
    publish(project_page(section_page(portal, "du-an-dau-tu")))
    publish(science_programme(section_page(portal, "khoa-hoc")))
    for section in SectionPage.objects.descendant_of(home).filter(intro="").exclude(section_code="tieng-anh"):
        section.intro = (f"{section.title}: thông tin chính thức của Ủy ban nhân dân tỉnh Thử Nghiệm, "
                         "được cập nhật thường xuyên cho người dân và doanh nghiệp.")
        publish(section)
    english = section_page(portal, "tieng-anh")
    english.body = ENGLISH_INTRODUCTION
    publish(english)
    OfficialContact.objects.create(agency=province["root"], full_name="Nguyễn Văn An", title="Chánh Văn phòng",
                                   unit="Văn phòng UBND tỉnh", phone="0203 3825 111", email="vanphong@thunghiem.gov.vn")
    Question.objects.create(portal=portal, name="Bình", email="binh@example.com", subject="Giờ tiếp công dân",
                            body="Ủy ban tiếp công dân vào những ngày nào?", status=QuestionStatus.ANSWERED,
                            answer="Thứ Năm hằng tuần tại Trụ sở tiếp công dân tỉnh.", is_public=True)
    consultations = ConsultationIndexPage.objects.descendant_of(home).get()
    publish(consultation_draft(consultations))
    make_document(province["root"], taxonomy["decision"], "1/2025/QĐ-UBND", body="<p>Toàn văn</p>")
    basis = make_document(province["root"], taxonomy["decree"], "2/2025/NĐ-CP", body="<p>Toàn văn</p>")
    procedure = make_procedure(province["root"], taxonomy["civil_status"], "1.000001", legal_basis=[basis])
    Rating.objects.create(site=portal.site, procedure=procedure, level="hai-long")
    ensure_portal_workflow(portal).board_group.user_set.add(make_user("truongban"))
    portal.refresh_from_db()
    return portal
