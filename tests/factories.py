"""Builders of test data and of admin form posts.

Records and pages are built complete by default: they pass the publish rules of every rule set,
so a test that wants a flaw names it (body="", author="", ...). Admin form bodies are built with
Wagtail's own form-data helpers (wagtail.test.utils.form_data).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.documents.models import DocumentAttachment, DocumentType, EffectStatus, LegalDocument
from cms.core.models import Portal
from cms.engagement.models import ConsultationDraftPage, Question
from cms.pages.models import GazetteEntry, GazetteIssuePage, NewsArticlePage, ProjectPage, ScienceProgrammePage
from themes.models import ThemeSettings
from cms.procedures.models import (
    AdministrativeLevel, Procedure, ProcedureFile, ProcedureUsage, ServiceLevel, month_before,
)
from cms.publishing.deadlines import question_due
from cms.publishing.models import active_ruleset

PASSWORD = "mat-khau-manh-123"
# Hostnames of the portals of the province fixture (tests/conftest.py).
PROVINCE = "thunghiem.localhost"
JUSTICE = "stp.thunghiem.localhost"
HEALTH = "syt.thunghiem.localhost"
COMMUNE = "tanlap.thunghiem.localhost"

PROCEDURE_FIELDS = {
    "steps": "<p>Bước 1: nộp hồ sơ.</p>", "method": "Trực tiếp hoặc trực tuyến", "processing_time": "05 ngày làm việc",
    "applicants": "Cá nhân", "result": "Giấy khai sinh", "fees": "Miễn phí", "requirements": "Không",
    "submission_and_return": "Bộ phận Một cửa",
    "online_guide": "Đăng nhập Cổng Dịch vụ công quốc gia, chọn thủ tục, điền tờ khai và đính kèm hồ sơ.",
}


def make_user(username, *groups, **fields):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD, **fields)
    user.groups.add(*[group for group in groups if group is not None])
    return user


def make_document(owner, document_type, number, *, live=True, issue_date=datetime.date(2025, 3, 1), with_file=True,
                  **fields):
    fields.setdefault("issuing_body", owner.name)
    fields.setdefault("abstract", f"Quyết định {number} về việc quản lý hộ tịch")
    fields.setdefault("body", "<p>Toàn văn văn bản.</p>")
    fields.setdefault("signer", "Trần Văn B")
    fields.setdefault("effective_date", issue_date)
    fields.setdefault("effect_status", EffectStatus.IN_FORCE)
    document = LegalDocument(owner_agency=owner, document_type=document_type, number=number, issue_date=issue_date,
                             live=live, **fields)
    if with_file:
        document.attachments = [DocumentAttachment(file=pdf_file(f"Tệp {number}"), title="Toàn văn")]
    document.full_clean()
    document.save()
    return document


def make_procedure(owner, sector, code, *, live=True, required_files=("Tờ khai",), legal_basis=None, usage=None,
                   **fields):
    """A procedure citing `legal_basis` (by default a decree kept for that purpose: basis_document()),
    with the figures of last month (`usage`, by default last_month_usage())."""
    fields = {"name": "Đăng ký khai sinh", "level": AdministrativeLevel.COMMUNE, "service_level": ServiceLevel.FULL,
              **PROCEDURE_FIELDS, **fields}
    procedure = Procedure(owner_agency=owner, sector=sector, code=code, live=live, **fields)
    procedure.required_files = [ProcedureFile(name=name, copies="01 bản chính") for name in required_files]
    procedure.usage = [last_month_usage()] if usage is None else list(usage)
    procedure.legal_basis = [basis_document(owner)] if legal_basis is None else list(legal_basis)
    procedure.full_clean()
    procedure.save()
    return procedure


def last_month_usage():
    """Applications received and resolved over the month before today's."""
    period_start, period_end = month_before(timezone.localdate())
    return ProcedureUsage(period_start=period_start, period_end=period_end, received=40,
                          received_online=31, resolved=37, resolved_on_time=36, in_progress=3)


def basis_document(owner):
    """The national decree test procedures cite as their legal basis, made once per test."""
    decree, _created = DocumentType.objects.get_or_create(name="Nghị định", defaults={"abbreviation": "NĐ"})
    existing = LegalDocument.objects.filter(number="99/2015/NĐ-CP").first()
    return existing or make_document(owner, decree, "99/2015/NĐ-CP", issuing_body="Chính phủ",
                                     abstract="Nghị định quy định chi tiết thi hành một luật (căn cứ pháp lý mẫu)")


def pdf_file(title, collection=None):
    file = get_document_model()(title=title, **({"collection": collection} if collection else {}))
    file.file.save("van-ban.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    file.save()
    return file


def owner_collection(agency):
    portal = Portal.objects.filter(agency=agency).select_related("collection").first()
    return portal.collection if portal else None


def attach_file(document):
    file = pdf_file(f"Tệp {document.number}")
    DocumentAttachment.objects.create(document=document, file=file, title="Toàn văn")
    return file


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
    fields.setdefault("origin", "tin-goc")
    article = NewsArticlePage(slug=slug, **fields)
    index_page.add_child(instance=article)
    return article


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


def gazette_issue(index_page, slug="cong-bao-so-12", entries=(("12/2026/QĐ-UBND", "Quy định quản lý chợ trên địa bàn tỉnh."),),
                  **fields):
    fields = {"title": "Công báo tỉnh số 12", "intro": "Số 12 đăng các quyết định của Ủy ban nhân dân tỉnh.",
              "issue_number": "Số 12", "issue_date": datetime.date(2026, 3, 2), **fields}
    issue = GazetteIssuePage(slug=slug, **fields)
    issue.entries = [GazetteEntry(number=number, abstract=abstract) for number, abstract in entries]
    index_page.add_child(instance=issue)
    return issue


def project_page(index_page, slug="du-an-duong-312", **fields):
    fields = {"title": "Dự án nâng cấp đường tỉnh 312", "intro": "Nâng cấp 6,5 km đường tỉnh 312.",
              "objective": "Bảo đảm an toàn giao thông.", "field": "Giao thông", "project_type": "Đầu tư công nhóm B",
              "period": "2026 – 2028", "budget": "148 tỷ đồng", "funding_type": "Ngân sách tỉnh", "donor": "Không",
              "status": "Đang thi công", "decision_date": timezone.localdate() - datetime.timedelta(days=3), **fields}
    project = ProjectPage(slug=slug, **fields)
    index_page.add_child(instance=project)
    return project


def science_programme(index_page, slug="de-tai-giong-che", **fields):
    fields = {"title": "Chọn tạo giống chè chất lượng cao", "intro": "Đề tài cấp tỉnh về giống chè.", "programme_code": "ĐT-12/2026",
              "management_level": "tinh", "field": "Nông nghiệp", "lead_unit": "Trung tâm Ứng dụng khoa học",
              "period": "2024 – 2026", "accepted": True, "results_summary": "Hai dòng chè năng suất cao.",
              "application_report": "Trồng thử trên 15 ha tại ba xã.",
              "decision_date": timezone.localdate() - datetime.timedelta(days=3), **fields}
    programme = ScienceProgrammePage(slug=slug, **fields)
    index_page.add_child(instance=programme)
    return programme


def received_question(portal, days_ago, **fields):
    """A question received days_ago, with the reply deadline the rules in force gave it then."""
    fields = {"name": "An", "email": "an@example.com", "subject": "Hỏi về hộ tịch", "body": "Nội dung", **fields}
    question = Question.objects.create(portal=portal, **fields)
    received = timezone.now() - datetime.timedelta(days=days_ago)
    due = question_due(active_ruleset(), timezone.localdate(received))
    Question.objects.filter(pk=question.pk).update(created_at=received, due_date=due)
    return Question.objects.get(pk=question.pk)


# -- admin form posts --------------------------------------------------------------------------

def legal_document_form(owner, document_type, *, attachments=None, relations=(), **overrides):
    """A complete document: its file is uploaded to the owner's portal collection unless `attachments` says otherwise."""
    if attachments is None:
        attachments = [{"file": pdf_file("Toàn văn", owner_collection(owner)).pk, "title": "Toàn văn"}]
    return nested_form_data({
        "number": "12/2025/QĐ-UBND", "document_type": document_type.pk, "issuing_body": owner.name,
        "signer": "Trần Văn B", "issue_date": "2025-03-01", "effective_date": "2025-03-15", "expiry_date": "",
        "effect_status": "con-hieu-luc", "abstract": "Ban hành quy định quản lý hộ tịch trên địa bàn tỉnh",
        "body": rich_text("<p>Điều 1. Phạm vi điều chỉnh</p>"), "owner_agency": owner.pk,
        "attachments": inline_formset(list(attachments)), "relations": inline_formset(list(relations)),
        **overrides,
    })


def procedure_form(owner, sector, *, required_files=({"name": "Tờ khai đăng ký khai sinh", "copies": "01 bản chính"},),
                   legal_basis=None, **overrides):
    legal_basis = [basis_document(owner)] if legal_basis is None else legal_basis
    return {"legal_basis": [document.pk for document in legal_basis], **nested_form_data({
        "code": "1.000001", "name": "Đăng ký khai sinh", "sector": sector.pk, "level": "xa",
        "service_level": "toan-trinh", "online_url": "", "owner_agency": owner.pk, "steps": rich_text("<p>Bước 1</p>"),
        "method": "Trực tiếp", "processing_time": "Trong ngày", "processing_days": "0", "applicants": "Cá nhân",
        "result": "Giấy khai sinh", "fees": "Miễn lệ phí", "requirements": "Không", "submission_and_return": "Một cửa",
        "online_guide": PROCEDURE_FIELDS["online_guide"],
        "required_files": inline_formset(list(required_files)), "usage": inline_formset([]),
        **overrides,
    })}


def news_article_form(**overrides):
    return nested_form_data({
        "title": "Sở Tư pháp tổ chức hội nghị", "slug": "hoi-nghi", "date": "2026-11-02",
        "intro": "Sáng nay, Sở Tư pháp tổ chức hội nghị.", "body": rich_text("<p>Nội dung</p>"),
        "author": "Lê Thị C", "origin": "tin-goc", "source": "", "source_url": "", "section_code": "", **overrides,
    })


# -- portals and pages --------------------------------------------------------------------------

def portal_home(portal):
    return portal.site.root_page.specific


def child(parent, slug):
    return parent.get_children().get(slug=slug).specific


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def set_theme(portal, theme):
    settings = ThemeSettings.for_site(portal.site)
    settings.theme = theme
    settings.save()


def get(client, host, path, status=200, **extra):
    response = client.get(path, HTTP_HOST=host, **extra)
    assert response.status_code == status, (host, path, response.status_code)
    return response
