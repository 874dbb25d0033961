"""Builders for portals that pass (or break) publishing rules."""

import pytest

from cms.engagement.models import ConsultationIndexPage, Rating
from cms.pages.models import NewsIndexPage, SectionPage
from cms.publishing.models import PublishingSettings
from cms.publishing.workflows import ensure_portal_workflow
from tests.factories import attach_file, consultation_draft, make_document, make_procedure, make_user, news_article, publish


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


@pytest.fixture
def good_portal(province, taxonomy):
    """The provincial portal with every section filled: passes every measured rule."""
    portal = province["portals"]["province"]
    home = portal.site.root_page.specific
    home.search_description = "Cổng thông tin điện tử tỉnh Thử Nghiệm"
    publish(home)
    for index_page in NewsIndexPage.objects.descendant_of(home):
        publish(news_article(index_page, slug=f"tin-{index_page.slug}"))
    for section in SectionPage.objects.descendant_of(home).filter(intro=""):
        section.intro = f"Thông tin {section.title.lower()}."
        publish(section)
    consultations = ConsultationIndexPage.objects.descendant_of(home).get()
    publish(consultation_draft(consultations))
    document = make_document(province["root"], taxonomy["decision"], "1/2025/QĐ-UBND", body="<p>Toàn văn</p>")
    attach_file(document)
    basis = make_document(province["root"], taxonomy["decree"], "2/2025/NĐ-CP", body="<p>Toàn văn</p>")
    attach_file(basis)
    procedure = make_procedure(province["root"], taxonomy["civil_status"], "1.000001")
    procedure.legal_basis.set([basis])
    procedure.save()
    Rating.objects.create(site=portal.site, procedure=procedure, level="hai-long")
    ensure_portal_workflow(portal).board_group.user_set.add(make_user("truongban"))
    portal.refresh_from_db()
    return portal
