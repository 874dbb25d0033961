"""Builders for portals that pass (or break) publishing rules."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from cms.documents.models import DocumentAttachment
from cms.engagement.models import ConsultationDraftPage, ConsultationIndexPage, Rating
from cms.pages.models import NewsArticlePage, NewsIndexPage, SectionPage
from cms.procedures.models import ProcedureFile
from cms.publishing.models import PublishingSettings
from tests.conftest import make_document, make_procedure


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


def publish(page):
    page.save_revision().publish()
    return page


def news_article(index_page, slug="tin-moi", **fields):
    fields.setdefault("title", "Hội nghị tổng kết công tác năm")
    fields.setdefault("date", datetime.date(2026, 11, 2))
    fields.setdefault("intro", "Sáng nay, hội nghị tổng kết công tác năm đã diễn ra.")
    fields.setdefault("body", "<p>Nội dung hội nghị.</p>")
    fields.setdefault("author", "Lê Thị C")
    fields.setdefault("source", "Văn phòng")
    article = NewsArticlePage(slug=slug, **fields)
    index_page.add_child(instance=article)
    return article


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "mat-khau-manh-123")
    user.groups.add(*[group for group in groups if group is not None])
    return user


def attach_file(document):
    Document = get_document_model()
    file = Document(title=f"Tệp {document.number}")
    file.file.save("van-ban.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    file.save()
    DocumentAttachment.objects.create(document=document, file=file, title="Toàn văn")
    return file


def consultation_draft(index_page, slug="du-thao", days=70, **fields):
    fields.setdefault("title", "Dự thảo Quyết định về quản lý chợ")
    fields.setdefault("intro", "Lấy ý kiến nhân dân về dự thảo quyết định.")
    fields.setdefault("body", "<p>Điều 1. Phạm vi điều chỉnh.</p>")
    fields.setdefault("receiving_unit", "Sở Tư pháp")
    fields.setdefault("receiving_email", "gopy@thunghiem.gov.vn")
    deadline = None if days is None else timezone.localdate() + datetime.timedelta(days=days)
    draft = ConsultationDraftPage(slug=slug, deadline=deadline, **fields)
    index_page.add_child(instance=draft)
    return draft


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
    procedure = make_procedure(province["root"], taxonomy["civil_status"], "1.000001", **PROCEDURE_FIELDS)
    ProcedureFile.objects.create(procedure=procedure, name="Tờ khai", copies="01 bản chính")
    procedure.legal_basis.set([basis])
    procedure.save()
    Rating.objects.create(site=portal.site, procedure=procedure, level="hai-long")
    from cms.publishing.workflows import ensure_portal_workflow

    ensure_portal_workflow(portal).board_group.user_set.add(make_user("truongban"))
    portal.refresh_from_db()
    return portal


PROCEDURE_FIELDS = {
    "steps": "<p>Bước 1: nộp hồ sơ.</p>", "method": "Trực tiếp hoặc trực tuyến", "processing_time": "05 ngày làm việc",
    "applicants": "Cá nhân", "result": "Giấy khai sinh", "fees": "Miễn phí", "requirements": "Không",
    "submission_and_return": "Bộ phận Một cửa",
}
