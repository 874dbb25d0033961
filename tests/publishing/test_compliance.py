"""Every rule of both sets: a portal that passes it, and one that breaks it (with its article)."""

import datetime

import pytest
from django.utils import timezone

from cms.documents.models import LegalDocument
from cms.engagement.models import Rating
from cms.pages.models import NewsArticlePage, SitemapPage
from cms.procedures.models import Procedure
from cms.publishing.compliance import run_report, score_of
from cms.publishing.rules import load_ruleset
from cms.publishing.sections import section_page
from tests.factories import make_document, news_article, publish, received_question

RULESETS = ["nd43-2011", "nd42-2022"]


def result_for(portal, ruleset, rule_id):
    return next(result for result in run_report(portal, ruleset) if result["rule"] == rule_id)


def rules_with_check(code, name):
    return [rule for rule in load_ruleset(code).rules if rule.check == name]


# -- breakers: each makes the good portal fail one check -------------------------------------

def no_author(portal, taxonomy):
    NewsArticlePage.objects.descendant_of(portal.site.root_page).update(author="")


def document_without_text(portal, taxonomy):
    # As an import writing rows directly would leave it: live, with neither file nor full text.
    document = make_document(portal.agency, taxonomy["decision"], "9/2025/QĐ-UBND")
    LegalDocument.objects.filter(pk=document.pk).update(body="")


def article_without_description(portal, taxonomy):
    NewsArticlePage.objects.descendant_of(portal.site.root_page).update(intro="", search_description="")


def procedure_without_steps(portal, taxonomy):
    Procedure.objects.update(steps="")


def draft_without_deadline(portal, taxonomy):
    from cms.engagement.models import ConsultationDraftPage

    ConsultationDraftPage.objects.update(deadline=None)


def section_removed(portal, taxonomy):
    section_page(portal, "lien-he").delete()


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


def document_without_effective_date(portal, taxonomy):
    LegalDocument.objects.update(effective_date=None)


def procedure_without_legal_basis(portal, taxonomy):
    for procedure in Procedure.objects.all():
        procedure.legal_basis.clear()
        procedure.save()


def document_posted_late(portal, taxonomy):
    issued = timezone.localdate() - datetime.timedelta(days=40)
    document = make_document(portal.agency, taxonomy["decision"], "10/2026/QĐ-UBND", issue_date=issued, body="<p>x</p>")
    LegalDocument.objects.filter(pk=document.pk).update(first_published_at=timezone.now())


def plan_posted_late(portal, taxonomy):
    from cms.documents.models import DocumentType

    plan = DocumentType.objects.create(name="Kế hoạch", abbreviation="KH")
    issued = timezone.localdate() - datetime.timedelta(days=40)
    document = make_document(portal.agency, plan, "11/KH-UBND", issue_date=issued, body="<p>x</p>")
    LegalDocument.objects.filter(pk=document.pk).update(first_published_at=timezone.now())


def law_not_disseminated(portal, taxonomy):
    issued = timezone.localdate() - datetime.timedelta(days=40)
    make_document(portal.agency, taxonomy["decision"], "12/2026/QĐ-UBND", issue_date=issued, body="<p>x</p>")


def question_unanswered(portal, taxonomy):
    received_question(portal, days_ago=40, subject="Hỏi")


def sections_stale(portal, taxonomy):
    from wagtail.models import Page

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


def no_ratings(portal, taxonomy):
    Rating.objects.all().delete()


def image_without_alt(portal, taxonomy):
    index = section_page(portal, "tin-tuc")
    publish(news_article(index, slug="anh", body='<p><embed embedtype="image" id="1" format="left" alt=""/></p>'))


def board_without_members(portal, taxonomy):
    portal.moderation.board_group.user_set.clear()


BREAKERS = {
    "news_author_source": no_author,
    "document_fields": document_without_text,
    "dublin_core": article_without_description,
    "procedure_fields": procedure_without_steps,
    "consultation_deadline": draft_without_deadline,
    "mandatory_sections": section_removed,
    "sitemap_and_search": sitemap_unpublished,
    "footer_information": footer_incomplete,
    "domain_name": foreign_domain,
    "english_pages": no_english,
    "metadata_coverage": article_without_description,
    "document_coverage": document_without_effective_date,
    "procedure_coverage": procedure_without_legal_basis,
    "document_deadlines": document_posted_late,
    "dissemination_deadlines": law_not_disseminated,
    "question_deadlines": question_unanswered,
    "update_frequency": sections_stale,
    "qa_function": no_qa_page,
    "service_levels": form_at_level_one,
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
    if rule.id == "nd43-a17-ke-hoach-dung-han" or rule.check == "document_deadlines":
        breaker = plan_posted_late if "only_types" in rule.params else document_posted_late
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
