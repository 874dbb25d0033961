"""Whether a portal section really holds what the law asks of it, not just a page with a title.

Blueprint pages that nobody has filled do not count, neither do placeholder lines ("Đang cập
nhật."); a contact page counts when officials' contacts are listed (Art. 10.1.k), the Q&A section
when answers are posted, a list section when something live is in it.
"""

import re
from functools import cached_property

from django.utils.html import strip_tags

from cms.core.text import fold, tokens
from cms.documents.models import LegalDocument
from cms.engagement.models import ConsultationIndexPage, Question, QuestionIndexPage, QuestionStatus
from cms.organisation.models import OfficialContact
from cms.pages.models import ContactPage, LegalDocumentIndexPage, NewsIndexPage, ProcedureIndexPage, SitemapPage
from cms.procedures.models import Procedure

TEXT_FIELDS = ("intro", "body", "biography", "duties")
LIST_PAGES = (NewsIndexPage, ConsultationIndexPage)
DEFAULT_MIN_WORDS = 8
DEFAULT_PLACEHOLDERS = ("dang cap nhat", "dang duoc cap nhat", "dang xay dung", "chua co noi dung", "noi dung dang",
                        "coming soon", "under construction", "updating", "lorem ipsum")
WORD = re.compile(r"[^\W_]+")  # unfolded, so that Vietnamese words stay recognisable


def page_text(page):
    return " ".join(strip_tags(str(getattr(page, name, "") or "")) for name in TEXT_FIELDS).strip()


def is_meaningful(text, params):
    """Enough words, and not a placeholder: a short text mentioning "đang cập nhật" is one."""
    words = tokens(text)
    min_words = params.get("min_words", DEFAULT_MIN_WORDS)
    if len(words) < min_words:
        return False
    folded = " ".join(words)
    placeholders = params.get("placeholders", DEFAULT_PLACEHOLDERS)
    return len(words) >= 4 * min_words or not any(fold(phrase) in folded for phrase in placeholders)


class ContentJudge:
    """Judges the pages of one portal (a PortalPages); what it asks the database about the
    portal's agency is asked once."""

    def __init__(self, portal, pages):
        self.portal, self.pages = portal, pages

    @cached_property
    def has_contacts(self):
        return OfficialContact.objects.for_agency(self.portal.agency).exists()

    @cached_property
    def has_answers(self):
        return Question.objects.filter(portal=self.portal, is_public=True, status=QuestionStatus.ANSWERED).exists()

    @cached_property
    def has_documents(self):
        return LegalDocument.objects.live().for_agency(self.portal.agency).exists()

    @cached_property
    def has_procedures(self):
        return Procedure.objects.live().for_agency(self.portal.agency).exists()

    def has_content(self, page, params):
        if not page.live:
            return False
        if isinstance(page, SitemapPage):
            return True  # generated from the portal's own pages
        answered_elsewhere = {ContactPage: "has_contacts", QuestionIndexPage: "has_answers",
                              LegalDocumentIndexPage: "has_documents", ProcedureIndexPage: "has_procedures"}
        for page_type, fact in answered_elsewhere.items():
            if isinstance(page, page_type):
                return getattr(self, fact)
        children = self.pages.live_children(page)
        if isinstance(page, LIST_PAGES):  # a list is empty until something is posted in it
            return any(self.has_content(child, params) for child in children)
        return is_meaningful(page_text(page), params) or any(self.has_content(child, params) for child in children)

    def section_has_content(self, pages, params):
        return any(self.has_content(page, params) for page in pages)

    def section_holds(self, pages, model):
        """Whether a live page of `model` is in one of these sections (a record with its fields)."""
        return any(isinstance(page, model) for section in pages for page in self.pages.live_within(section))


ENGLISH_FUNCTION_WORDS = frozenset("the of and to in for is are with by on as at from or its our".split())
CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\(?\+?\d[\d .()-]{7,}\d")
DEFAULT_ENGLISH_WORDS = 60


def english_problems(pages, params):
    """What an English section lacks (Art. 13): real English prose about the agency, and contacts."""
    text = " ".join(page_text(page) for page in pages if page.live)
    words = WORD.findall(text.lower())
    english = [word for word in words if word.isascii() and not word.isdigit()]
    problems = []
    if len(english) < params.get("min_words", DEFAULT_ENGLISH_WORDS) or len(english) < 0.8 * len(words):
        problems.append("text")
    elif sum(word in ENGLISH_FUNCTION_WORDS for word in english) < 0.05 * len(english):
        problems.append("text")
    if not CONTACT.search(text):
        problems.append("contacts")
    return problems
