"""Publish-time checks: each takes the object about to go live and its rule, and returns what is
missing (Vietnamese labels); an empty list means the object passes, None that the check does not
concern the object (the compliance report counts only concerned objects)."""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from cms.core.models import Portal
from cms.documents.models import LegalDocument
from cms.engagement.models import ConsultationDraftPage
from cms.pages.models import NewsArticlePage, NewsOrigin
from cms.procedures.models import Procedure
from cms.publishing.rules import check


def _blank(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not strip_tags(value).strip()
    return False


def _model_label(obj):
    return f"{obj._meta.app_label}.{obj.__class__.__name__}"


@check("news_author_source")
def news_author_source(obj, rule):
    if not isinstance(obj, NewsArticlePage):
        return None
    missing = []
    if _blank(obj.author):
        missing.append(_("tác giả"))
    if not obj.origin:
        missing.append(_("cho biết tin gốc hay tin đăng lại"))
    elif obj.origin == NewsOrigin.REPOST and _blank(obj.source):
        missing.append(_("nguồn tin của tin đăng lại, trích dẫn"))
    return missing


DOCUMENT_FIELD_LABELS = {
    "document_type": gettext_lazy("loại văn bản"), "issuing_body": gettext_lazy("cơ quan ban hành"), "number": gettext_lazy("số, ký hiệu"),
    "issue_date": gettext_lazy("ngày ban hành"), "effective_date": gettext_lazy("ngày hiệu lực"), "abstract": gettext_lazy("trích yếu"), "signer": gettext_lazy("người ký"),
}


@check("document_fields")
def document_fields(obj, rule):
    if not isinstance(obj, LegalDocument):
        return None
    missing = []
    for name in rule.params.get("fields", []):
        if name == "file":
            if not list(obj.attachments.all()):  # in-memory for a revision's object, rows otherwise
                missing.append(_("tệp văn bản để tải về (toàn văn đăng trên trang không thay cho tệp)"))
        elif _blank(getattr(obj, f"{name}_id", None) if name == "document_type" else getattr(obj, name, None)):
            missing.append(str(DOCUMENT_FIELD_LABELS[name]))
    return missing


def page_description(page):
    """The Dublin Core description of a page: its SEO description, else its intro."""
    return (page.search_description or "").strip() or strip_tags(getattr(page, "intro", "") or "").strip()


def _dublin_core_applies(page, rule):
    if _model_label(page) in rule.params.get("page_types", []):
        return True
    sections = rule.params.get("sections", [])
    return getattr(page, "section_code", "") in sections


@check("dublin_core")
def dublin_core(obj, rule):
    if not isinstance(obj, Page) or not _dublin_core_applies(obj, rule):
        return None
    missing = []
    if _blank(obj.title):
        missing.append(_("nhan đề (title)"))
    if hasattr(obj, "author") and _blank(obj.author):
        missing.append(_("tác giả (creator)"))
    if not page_description(obj):
        missing.append(_("mô tả (description): nhập sapo/mô tả hoặc mô tả tìm kiếm"))
    if getattr(obj, "date", "") is None:
        missing.append(_("ngày (date)"))
    if _portal_of(obj) is None:
        missing.append(_("cơ quan xuất bản (publisher): trang không thuộc cổng nào"))
    if _blank(obj.slug):
        missing.append(_("định danh (identifier)"))
    return missing


def _portal_of(page):
    site = (page.get_parent() if page.pk is None else page).get_site()  # a page being inserted: its parent's
    return Portal.objects.filter(site=site).first() if site else None


PROCEDURE_FIELD_LABELS = {
    "name": gettext_lazy("tên thủ tục"), "steps": gettext_lazy("trình tự thực hiện"), "method": gettext_lazy("cách thức thực hiện"),
    "required_files": gettext_lazy("thành phần, số lượng hồ sơ"), "processing_time": gettext_lazy("thời hạn giải quyết"),
    "applicants": gettext_lazy("đối tượng thực hiện"), "owner_agency": gettext_lazy("cơ quan thực hiện"), "result": gettext_lazy("kết quả thực hiện"),
    "fees": gettext_lazy("phí, lệ phí"), "requirements": gettext_lazy("yêu cầu, điều kiện"), "submission_and_return": gettext_lazy("cách thức nộp hồ sơ, nhận kết quả"),
    "legal_basis": gettext_lazy("căn cứ pháp lý"),
}


@check("procedure_fields")
def procedure_fields(obj, rule):
    if not isinstance(obj, Procedure):
        return None
    missing = []
    for name in rule.params.get("fields", []):
        if name in ("required_files", "legal_basis"):
            empty = not getattr(obj, name).exists()
        elif name == "owner_agency":
            empty = obj.owner_agency_id is None
        else:
            empty = _blank(getattr(obj, name))
        if empty:
            missing.append(str(PROCEDURE_FIELD_LABELS[name]))
    return missing


@check("gazette_fields")
@check("project_fields")
@check("science_programme_fields")
def record_page_fields(obj, rule):
    """The fields a section's record must have (Art. 10.1 g and h, Art. 11): `fields` always,
    `once_accepted` too when a programme is accepted; "entries" is a gazette issue's list of
    documents, each with its number and abstract."""
    if _model_label(obj) != rule.params["model"]:
        return None
    names = list(rule.params["fields"]) + (list(rule.params.get("once_accepted", [])) if getattr(obj, "accepted", False) else [])
    missing = [str(obj._meta.get_field(name).verbose_name) for name in names
               if name != "entries" and _blank(getattr(obj, name))]
    if "entries" in names and not _complete_entries(obj):
        missing.append(_("danh mục văn bản trong số, mỗi văn bản có số, ký hiệu và trích yếu"))
    return missing


def _complete_entries(issue):
    entries = list(issue.entries.all())  # in memory for a revision's page, rows otherwise
    return bool(entries) and not any(_blank(entry.number) or _blank(entry.abstract) for entry in entries)


@check("consultation_deadline")
def consultation_deadline(obj, rule):
    if not isinstance(obj, ConsultationDraftPage):
        return None
    missing = []
    if obj.deadline is None:
        missing.append(_("thời hạn nhận góp ý"))
    else:
        start = (obj.go_live_at or timezone.now()).astimezone(timezone.get_current_timezone()).date()
        minimum = rule.params.get("min_days", 0)
        if obj.deadline < start + datetime.timedelta(days=minimum):
            missing.append(_("thời gian lấy ý kiến ít nhất %(days)s ngày (hạn hiện tại: %(deadline)s)") % {
                "days": minimum, "deadline": obj.deadline.strftime("%d/%m/%Y"),
            })
    if _blank(obj.receiving_unit) or _blank(obj.receiving_email):
        missing.append(_("đơn vị tiếp nhận và thư điện tử tiếp nhận góp ý"))
    return missing
