"""Every rule of both sets: a portal that passes it, and one that breaks it (with its article)."""

import datetime
import functools

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms.documents.models import DocumentAttachment, LegalDocument
from cms.core.models import Portal
from cms.engagement.models import Rating
from cms.organisation.models import OfficialContact
from cms.pages.models import GazetteEntry, NewsArticlePage, ProjectPage, ScienceProgrammePage, SitemapPage
from cms.procedures.models import Procedure, ProcedureUsage
from cms.publishing.compliance import run_report, score_of
from cms.publishing.rules import load_ruleset
from cms.publishing.sections import section_page
from tests.factories import make_document, make_procedure, news_article, publish, received_question

RULESETS = ["nd43-2011", "nd42-2022", "nd224-2026"]


def result_for(portal, ruleset, rule_id):
    return next(result for result in run_report(portal, ruleset) if result["rule"] == rule_id)


def rules_with_check(code, name):
    return [rule for rule in load_ruleset(code).rules if rule.check == name]


# -- breakers: each makes the good portal fail one check -------------------------------------

def no_author(portal, taxonomy):
    NewsArticlePage.objects.descendant_of(portal.site.root_page).update(author="")


def document_without_file(portal, taxonomy):
    # As an import writing rows directly would leave it: live, with its full text but no file.
    document = make_document(portal.agency, taxonomy["decision"], "9/2025/QĐ-UBND")
    DocumentAttachment.objects.filter(document=document).delete()


def article_without_description(portal, taxonomy):
    NewsArticlePage.objects.descendant_of(portal.site.root_page).update(intro="", search_description="")


def procedure_without_steps(portal, taxonomy):
    Procedure.objects.update(steps="")


def draft_without_deadline(portal, taxonomy):
    from cms.engagement.models import ConsultationDraftPage

    ConsultationDraftPage.objects.update(deadline=None)


def section_removed(portal, taxonomy, rule):
    codes = rule.params.get("sections") or rule.params["by_kind"][portal.agency.kind]
    section_page(portal, codes[0]).delete()


def no_official_contacts(portal, taxonomy):
    OfficialContact.objects.filter(agency=portal.agency).delete()


def sitemap_unpublished(portal, taxonomy):
    SitemapPage.objects.descendant_of(portal.site.root_page).update(live=False)


def footer_incomplete(portal, taxonomy):
    portal.agency.phone = ""
    portal.agency.save()


def foreign_domain(portal, taxonomy):
    portal.site.hostname = "thunghiem.example.com"
    portal.site.save()


def no_english(portal, taxonomy):
    section_page(portal, "tieng-anh").delete()


def articles_without_approval_date(portal, taxonomy):
    NewsArticlePage.objects.update(decision_date=None)


def english_left_behind(portal, taxonomy):
    english = section_page(portal, "tieng-anh")
    Page.objects.filter(path__startswith=english.path).update(last_published_at=timezone.now() - datetime.timedelta(days=90))


def running_for(portal, days):
    """The portal has run on this platform for `days`: its documents' deadlines are measured."""
    portal.created_at = timezone.now() - datetime.timedelta(days=days)
    Portal.objects.filter(pk=portal.pk).update(created_at=portal.created_at)


def document_posted_late(portal, taxonomy):
    running_for(portal, 400)
    issued = timezone.localdate() - datetime.timedelta(days=40)
    document = make_document(portal.agency, taxonomy["decision"], "10/2026/QĐ-UBND", issue_date=issued, body="<p>x</p>")
    LegalDocument.objects.filter(pk=document.pk).update(first_published_at=timezone.now())


def plan_posted_late(portal, taxonomy):
    from cms.documents.models import DocumentType

    running_for(portal, 400)
    plan = DocumentType.objects.create(name="Kế hoạch", abbreviation="KH")
    issued = timezone.localdate() - datetime.timedelta(days=40)
    document = make_document(portal.agency, plan, "11/KH-UBND", issue_date=issued, body="<p>x</p>")
    LegalDocument.objects.filter(pk=document.pk).update(first_published_at=timezone.now())


def law_not_disseminated(portal, taxonomy):
    running_for(portal, 400)
    issued = timezone.localdate() - datetime.timedelta(days=40)
    make_document(portal.agency, taxonomy["decision"], "12/2026/QĐ-UBND", issue_date=issued, body="<p>x</p>")


def question_unanswered(portal, taxonomy):
    received_question(portal, days_ago=40, subject="Hỏi")


def sections_stale(portal, taxonomy):
    old = timezone.now() - datetime.timedelta(days=400)
    Page.objects.descendant_of(portal.site.root_page, inclusive=True).update(last_published_at=old)


def no_qa_page(portal, taxonomy):
    from cms.engagement.models import QuestionIndexPage

    QuestionIndexPage.objects.all().delete()


def form_at_level_one(portal, taxonomy):
    from cms.procedures.models import ProcedureFile
    from tests.factories import attach_file

    procedure = Procedure.objects.get()
    form = attach_file(LegalDocument.objects.first())
    ProcedureFile.objects.filter(procedure=procedure).update(form=form)
    Procedure.objects.update(service_level="muc-1")


def procedure_without_service_level(portal, taxonomy):
    Procedure.objects.update(service_level="")


def online_service_without_figures(portal, taxonomy):
    ProcedureUsage.objects.all().delete()


def no_ratings(portal, taxonomy):
    Rating.objects.all().delete()


def image_without_alt(portal, taxonomy):
    index = section_page(portal, "tin-tuc")
    publish(news_article(index, slug="anh", body='<p><embed embedtype="image" id="1" format="left" alt=""/></p>'))


def board_without_members(portal, taxonomy):
    portal.moderation.board_group.user_set.clear()


def gazette_entry_without_abstract(portal, taxonomy):
    GazetteEntry.objects.update(abstract="")  # as an import writing rows directly would leave it


def project_without_donor(portal, taxonomy):
    ProjectPage.objects.update(donor="")


def accepted_programme_without_report(portal, taxonomy):
    ScienceProgrammePage.objects.update(application_report="")


BREAKERS = {
    "gazette_fields": gazette_entry_without_abstract,
    "project_fields": project_without_donor,
    "science_programme_fields": accepted_programme_without_report,
    "news_author_source": no_author,
    "document_fields": document_without_file,
    "dublin_core": article_without_description,
    "procedure_fields": procedure_without_steps,
    "consultation_deadline": draft_without_deadline,
    "mandatory_sections": section_removed,
    "sitemap_and_search": sitemap_unpublished,
    "footer_information": footer_incomplete,
    "domain_name": foreign_domain,
    "english_pages": no_english,
    "official_contacts": no_official_contacts,
    "metadata_coverage": article_without_description,
    "document_deadlines": document_posted_late,
    "section_deadlines": articles_without_approval_date,
    "english_updates": english_left_behind,
    "dissemination_deadlines": law_not_disseminated,
    "question_deadlines": question_unanswered,
    "update_frequency": sections_stale,
    "qa_function": no_qa_page,
    "service_levels": form_at_level_one,
    "service_level_shown": procedure_without_service_level,
    "online_service_usage": online_service_without_figures,
    "satisfaction_rating": no_ratings,
    "accessibility": image_without_alt,
    "editorial_board": board_without_members,
}

CASES = [(code, rule) for code in RULESETS for rule in load_ruleset(code).rules if rule.check != "documented"]


def test_every_check_has_a_breaking_case():
    assert {rule.check for _code, rule in CASES} == set(BREAKERS)


@pytest.mark.django_db
@pytest.mark.parametrize("code,rule", CASES, ids=[f"{code}:{rule.id}" for code, rule in CASES])
def test_rule_passes_on_a_good_portal_and_fails_when_broken(good_portal, taxonomy, code, rule):
    ruleset = load_ruleset(code)
    if rule.check == "domain_name":
        good_portal.site.hostname = "thunghiem.gov.vn"
        good_portal.site.save()
    if rule.check == "document_deadlines":
        breaker = plan_posted_late if rule.params.get("plans") else document_posted_late
    elif rule.check == "mandatory_sections":
        breaker = functools.partial(section_removed, rule=rule)
    else:
        breaker = BREAKERS[rule.check]
    passing = result_for(good_portal, ruleset, rule.id)
    assert passing["measured"] and passing["score"] == 1, passing
    breaker(good_portal, taxonomy)
    good_portal.refresh_from_db()
    failing = result_for(good_portal, ruleset, rule.id)
    assert failing["measured"] and failing["score"] < 1, failing
    assert failing["details"] and failing["article"] == rule.article_label


@pytest.mark.django_db
@pytest.mark.parametrize("code", RULESETS)
def test_operational_rules_without_a_measure_are_listed_but_not_scored(good_portal, code):
    results = run_report(good_portal, load_ruleset(code))
    documented = [result for result in results if result["rule"] in {r.id for r in rules_with_check(code, "documented")}]
    assert documented and not any(result["measured"] for result in documented)
    assert score_of(results) == 100.0


@pytest.mark.django_db
def test_development_hostname_is_not_scored(good_portal):
    result = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a6-ten-mien")
    assert not result["measured"]


# -- ways of fooling the report, each now caught ----------------------------------------------

def score(portal, rule_id, code="nd43-2011"):
    return result_for(portal, load_ruleset(code), rule_id)["score"]


@pytest.mark.django_db
class TestHonestContent:
    def introduction_pages(self, portal):
        from cms.pages.models import SectionPage

        return SectionPage.objects.descendant_of(section_page(portal, "gioi-thieu"), inclusive=True)

    def test_a_placeholder_line_is_not_content(self, good_portal):
        assert score(good_portal, "nd43-a10a-gioi-thieu") == 1
        for page in self.introduction_pages(good_portal):
            page.intro = "Đang cập nhật."
            publish(page)
        assert score(good_portal, "nd43-a10a-gioi-thieu") == 0

    def test_the_blueprints_empty_child_pages_do_not_fill_their_section(self, good_portal):
        for page in self.introduction_pages(good_portal):
            page.intro = ""
            publish(page)
        result = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a10a-gioi-thieu")
        assert result["score"] == 0 and "Điểm a khoản 1 Điều 10" in result["article"]

    def test_an_english_page_left_behind_its_source_is_listed(self, good_portal):
        from cms.pages.translations import translate

        source = good_portal.site.root_page.get_children().get(slug="gioi-thieu").specific
        english = translate(source, "en", None)
        english.intro = "The province: its organisation, functions and duties."
        publish(english)
        assert score(good_portal, "nd43-a17h-cap-nhat-tieng-anh") == 1
        Page.objects.filter(pk=english.pk).update(last_published_at=source.last_published_at - datetime.timedelta(days=31))
        result = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a17h-cap-nhat-tieng-anh")
        assert result["score"] == 0.5 and f"Trang {source.title} thay đổi" in str(result["details"])

    def test_a_contact_page_without_officials_contacts_is_empty(self, good_portal):
        OfficialContact.objects.all().delete()
        assert score(good_portal, "nd43-a10l-lien-he-cong") == 0
        assert score(good_portal, "nd43-a10k-lien-he-can-bo") == 0

    def test_a_contact_without_phone_or_email_is_incomplete(self, good_portal):
        OfficialContact.objects.update(email="")
        assert score(good_portal, "nd43-a10k-lien-he-can-bo") == 0

    def test_a_qa_section_without_any_posted_answer_is_empty(self, good_portal):
        from cms.engagement.models import Question

        assert score(good_portal, "nd43-a17dd-hoi-dap-cong-khai") == 1
        Question.objects.update(is_public=False)
        assert score(good_portal, "nd43-a17dd-hoi-dap-cong-khai") == 0
        assert score(good_portal, "nd42-a4-chuyen-muc", "nd42-2022") < 1

    @pytest.mark.parametrize("body", ["<p>English</p>", "<p>Đang cập nhật bản tiếng Anh.</p>",
                                      "<p>" + "Ủy ban nhân dân tỉnh giới thiệu cơ cấu tổ chức. " * 10 + "</p>"])
    def test_a_token_english_page_does_not_pass(self, good_portal, body):
        english = section_page(good_portal, "tieng-anh")
        english.body = body
        publish(english)
        result = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a13-tieng-anh")
        assert result["score"] < 1 and result["article"].startswith("Khoản 1 Điều 13")

    def test_english_without_contacts_is_half_done(self, good_portal):
        english = section_page(good_portal, "tieng-anh")
        english.body = english.body.split("<h2>Contacts</h2>")[0]
        publish(english)
        assert score(good_portal, "nd43-a13-tieng-anh") == 0.5


@pytest.mark.django_db
class TestOnlineServices:
    RULE = "nd43-a18-dich-vu-muc-3-4"

    def test_figures_older_than_a_quarter_and_a_missing_guide_are_named(self, good_portal, province, taxonomy):
        old = ProcedureUsage.objects.get()
        old.period_end = timezone.localdate() - datetime.timedelta(days=150)
        old.save()
        make_procedure(province["root"], taxonomy["civil_status"], "1.000002", name="Đăng ký kết hôn", online_guide="")
        result = result_for(good_portal, load_ruleset("nd43-2011"), self.RULE)
        assert result["score"] == 0 and result["note"] == "0/2 đạt"
        details = str(result["details"])
        assert "Đăng ký khai sinh: thiếu số liệu" in details and "Đăng ký kết hôn: thiếu hướng dẫn sử dụng" in details

    def test_a_service_not_filed_online_owes_no_figures(self, good_portal, province, taxonomy):
        make_procedure(province["root"], taxonomy["civil_status"], "1.000003", name="Cấp bản sao trích lục",
                       service_level="muc-2", online_guide="", usage=())
        assert score(good_portal, self.RULE) == 1


@pytest.mark.django_db
class TestDeadlines:
    def test_late_postings_older_than_half_a_year_are_still_measured(self, good_portal, taxonomy):
        running_for(good_portal, 3 * 365)
        issued = timezone.localdate() - datetime.timedelta(days=600)
        document = make_document(good_portal.agency, taxonomy["decision"], "3/2024/QĐ-UBND", issue_date=issued)
        LegalDocument.objects.filter(pk=document.pk).update(first_published_at=timezone.now() - datetime.timedelta(days=500))
        result = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a17c-van-ban-dung-han")
        assert result["score"] < 1 and "3/2024/QĐ-UBND" in str(result["details"])

    def test_a_science_programme_posted_late_fails_its_twenty_days_a_statistic_on_time_passes(self, good_portal):
        running_for(good_portal, 400)
        today = timezone.localdate()
        publish(news_article(section_page(good_portal, "khoa-hoc"), slug="de-tai", title="Đề tài chọn tạo giống chè",
                             decision_date=today - datetime.timedelta(days=60)))
        publish(news_article(section_page(good_portal, "thong-ke"), slug="so-lieu", title="Số liệu thống kê tháng 11",
                             decision_date=today - datetime.timedelta(days=5)))
        science = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a17e-khoa-hoc")
        assert science["score"] == round(2 / 3, 4) and "Đề tài chọn tạo giống chè" in str(science["details"])
        assert "Điểm e khoản 1 Điều 17" in science["article"]
        assert score(good_portal, "nd43-a17g-thong-ke") == 1

    def test_a_plan_posted_as_an_article_without_its_approval_date_fails(self, good_portal):
        publish(news_article(section_page(good_portal, "chien-luoc-quy-hoach"), slug="quy-hoach", title="Quy hoạch tỉnh"))
        result = result_for(good_portal, load_ruleset("nd43-2011"), "nd43-a17d-bai-ke-hoach-du-an")
        assert result["score"] < 1 and "Quy hoạch tỉnh" in str(result["details"])

    def test_the_province_is_not_charged_for_another_agencys_document(self, good_portal, province, taxonomy):
        running_for(good_portal, 400)
        issued = timezone.localdate() - datetime.timedelta(days=40)
        document = make_document(province["justice"], taxonomy["decision"], "7/2026/QĐ-STP", issue_date=issued)
        LegalDocument.objects.filter(pk=document.pk).update(first_published_at=timezone.now())
        assert score(good_portal, "nd43-a17c-van-ban-dung-han") == 1

    def test_a_concerned_agency_answers_for_its_ten_working_days(self, good_portal, province, taxonomy):
        justice = province["portals"]["justice"]
        running_for(justice, 400)
        issued = timezone.localdate() - datetime.timedelta(days=40)
        document = make_document(province["root"], taxonomy["decision"], "8/2026/QĐ-UBND", issue_date=issued)
        document.concerned_agencies.set([province["justice"]])
        document.save()
        LegalDocument.objects.filter(pk=document.pk).update(first_published_at=timezone.now())
        result = result_for(justice, load_ruleset("nd43-2011"), "nd43-a17c-van-ban-dung-han")
        assert result["score"] == 0 and "8/2026/QĐ-UBND" in str(result["details"])

    def test_a_decision_approving_a_plan_gets_the_plans_ten_days(self, good_portal, taxonomy):
        from cms.publishing.deadlines import document_rule

        ruleset = load_ruleset("nd43-2011")
        planning = make_document(good_portal.agency, taxonomy["decision"], "9/2026/QĐ-UBND",
                                 abstract="Quyết định phê duyệt quy hoạch xây dựng vùng huyện")
        ordinary = make_document(good_portal.agency, taxonomy["decision"], "10/2026/QĐ-UBND")
        assert document_rule(ruleset, planning).id == "nd43-a17d-ke-hoach-dung-han"
        assert document_rule(ruleset, ordinary).id == "nd43-a17c-van-ban-dung-han"

    def test_a_progress_notice_without_a_reply_date_is_not_a_response(self, good_portal):
        from django.core.exceptions import ValidationError

        from cms.engagement.models import QuestionStatus

        question = received_question(good_portal, days_ago=40, subject="Hỏi")
        question.status = QuestionStatus.IN_PROGRESS
        with pytest.raises(ValidationError):
            question.full_clean()
        question.save()  # as an import writing rows would
        assert question.responded_at is None
        assert score(good_portal, "nd43-a17-hoi-dap-dung-han") < 1


@pytest.mark.django_db
def test_operational_rules_are_shown_but_not_scored(good_portal):
    good_portal.moderation.board_group.user_set.clear()
    results = run_report(good_portal, load_ruleset("nd43-2011"))
    board = next(result for result in results if result["rule"] == "nd43-a21-ban-bien-tap")
    assert board["measured"] and board["score"] == 0 and not board["scored"]
    assert score_of(results) == 100.0


@pytest.mark.django_db
@pytest.mark.parametrize("code", RULESETS)
def test_a_compliant_portal_scores_100_with_no_finding(good_portal, code):
    results = run_report(good_portal, load_ruleset(code))
    assert score_of(results) == 100.0
    assert [result for result in results if result["measured"] and result["details"]] == []


@pytest.mark.django_db
def test_the_xml_sitemap_is_asked_for_on_the_portals_own_hostname(good_portal, settings):
    rule_id = "tt32-a16-so-do-tim-kiem"
    assert result_for(good_portal, load_ruleset("nd43-2011"), rule_id)["score"] == 1
    settings.ALLOWED_HOSTS = ["testserver"]  # the portal's hostname is not served: neither is its sitemap
    failing = result_for(good_portal, load_ruleset("nd43-2011"), rule_id)
    assert failing["score"] == 0.75 and "sitemap.xml" in str(failing["details"])
