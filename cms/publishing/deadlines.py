"""Posting deadlines (Decree 43/2011 Art. 17) in working days, with parameters from the rule set.

Used twice: editors see what is due or overdue on their dashboard, and the compliance report
measures how many items met their deadline over a period.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.core.text import fold
from cms.documents.models import LegalDocument
from cms.engagement.models import Question
from cms.pages.models import NewsArticlePage, ProjectPage, ScienceProgrammePage
from cms.publishing.calendar import add_working_days
from cms.publishing.sections import section_page

DASHBOARD_HORIZON_DAYS = 5
DEFAULT_QUESTION_DAYS = 15


@dataclass(frozen=True)
class DueItem:
    label: str
    kind: str
    due: datetime.date
    done_on: datetime.date = None
    url: str = ""
    rule_id: str = ""

    @property
    def done(self):
        return self.done_on is not None

    @property
    def on_time(self):
        return self.done and self.done_on <= self.due

    def overdue(self, today):
        return not self.done and today > self.due


def local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def is_plan(rule, document):
    """A plan by its type ("KH") or by what it approves: "Quyết định phê duyệt quy hoạch ..." is a
    planning decision whatever its type code."""
    abbreviation = document.document_type.abbreviation if document.document_type_id else ""
    if abbreviation in rule.params.get("plan_types", []):
        return True
    abstract = fold(document.abstract)
    return any(abstract.startswith(fold(word)) or f"phe duyet {fold(word)}" in abstract
               for word in rule.params.get("plan_words", []))


def _rule_applies(rule, document):
    if "plans" in rule.params:
        return is_plan(rule, document) == rule.params["plans"]
    return True


def document_rule(ruleset, document):
    return next((rule for rule in ruleset.rules if rule.check == "document_deadlines" and _rule_applies(rule, document)), None)


def measured_since(ruleset, since=None, portal=None):
    """The first day deadlines can be measured: not before the rule set applied and, for records
    issued elsewhere (documents), not before the portal ran on this platform: when older records
    were posted is not known here."""
    days = [since, ruleset.in_force_from, local_date(portal.created_at) if portal else None]
    return max((day for day in days if day), default=None)


def document_due(ruleset, document, concerned=False):
    """The posting deadline of a document for its issuer, or for a concerned agency."""
    rule = document_rule(ruleset, document)
    if rule is None:
        return None
    days = rule.params.get("concerned_days", rule.params["issuer_days"]) if concerned else rule.params["issuer_days"]
    return add_working_days(document.issue_date, days)


def document_items(ruleset, agency, since, concerned=False):
    """Posting deadlines of the documents an agency issued (or, concerned, those that apply to it
    and that another agency issued); the province answers for its own documents only."""
    documents = LegalDocument.objects.select_related("document_type")
    if since is not None:
        documents = documents.filter(issue_date__gte=since)
    if concerned:
        documents = documents.filter(concerned_agencies=agency).exclude(owner_agency=agency)
    else:
        documents = documents.filter(owner_agency=agency)
    items = []
    for document in documents:
        rule = document_rule(ruleset, document)
        if rule is not None:
            items.append(DueItem(label=f"{document.document_type} {document.number}",
                                 kind=_("Đăng văn bản liên quan") if concerned else _("Đăng văn bản"),
                                 due=document_due(ruleset, document, concerned), rule_id=rule.id,
                                 done_on=local_date(document.first_published_at), url=document.get_admin_url()))
    return items


def question_due(ruleset, received):
    """The day a question received on `received` must be answered (or its progress announced) by."""
    rule = ruleset.by_check("question_deadlines")
    return add_working_days(received, rule.params["days"] if rule else DEFAULT_QUESTION_DAYS)


def question_items(ruleset, portal, since):
    if ruleset.by_check("question_deadlines") is None:
        return []
    items = []
    questions = Question.objects.filter(portal=portal)
    for question in questions.filter(created_at__date__gte=since) if since else questions:
        due = question.due_date or question_due(ruleset, local_date(question.created_at))
        items.append(DueItem(label=question.subject, kind=_("Trả lời câu hỏi"), due=due,
                             done_on=local_date(question.responded_at), url=question.get_admin_url()))
    return items


def dissemination_items(ruleset, portal, since, sections=None):
    """Legal normative documents shown on the portal must be disseminated in its section
    (`sections`: the portal's section_index, when the caller has it)."""
    rule = ruleset.by_check("dissemination_deadlines")
    if rule is None:
        return []
    section = section_page(portal, rule.params["section"], sections)
    articles = [] if section is None else list(
        section.get_descendants().live().specific()
    )
    agency = portal.agency
    documents = LegalDocument.objects.live().filter(
        Q(owner_agency=agency) | Q(concerned_agencies=agency),
        document_type__is_legal_normative=True, issue_date__gte=since,
    ).distinct().select_related("document_type")
    items = []
    for document in documents:
        mentions = [local_date(page.first_published_at) for page in articles if _mentions(page, document.number)]
        items.append(DueItem(label=f"{document.document_type} {document.number}", kind=_("Phổ biến pháp luật"),
                             due=add_working_days(document.issue_date, rule.params["days"]),
                             done_on=min(mentions, default=None), url=section.url if section else ""))
    return items


def section_items(portal, rule, since, sections):
    """Articles and records posted in the sections a rule names (plans, projects, science
    programmes, statistics) against the day they were approved; those without that day are
    returned apart."""
    items, undated = [], []
    for code in rule.params["sections"]:
        for section in sections.get(code, []):
            posted = Page.objects.live().descendant_of(section).type(NewsArticlePage, ProjectPage, ScienceProgrammePage)
            for article in posted.specific():
                if article.decision_date is None:
                    undated.append(article)
                elif since is None or article.decision_date >= since:
                    items.append(DueItem(label=article.title, kind=_("Đăng tin theo ngày phê duyệt"),
                                         due=add_working_days(article.decision_date, rule.params["days"]),
                                         done_on=local_date(article.first_published_at), rule_id=rule.id,
                                         url=reverse("wagtailadmin_pages:edit", args=[article.pk])))
    return items, undated


def _mentions(page, number):
    text = " ".join(str(getattr(page, name, "") or "") for name in ("title", "intro", "body"))
    return number.lower() in text.lower()


def dashboard_items(ruleset, portal, today=None):
    """Open items of the portal due within a few working days or already overdue."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=90)
    horizon = add_working_days(today, DASHBOARD_HORIZON_DAYS)
    items = (
        document_items(ruleset, portal.agency, since)
        + document_items(ruleset, portal.agency, since, concerned=True)
        + question_items(ruleset, portal, since)
        + dissemination_items(ruleset, portal, since)
    )
    return sorted((item for item in items if not item.done and item.due <= horizon), key=lambda item: item.due)
