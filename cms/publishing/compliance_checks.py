"""Portal-level checks for the compliance report. Each takes (portal, rule, context) and returns a
Result: a score from 0 to 1, whether it was measured, and the failing items with links to fix them."""

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cms.engagement.models import QuestionIndexPage, Rating
from cms.organisation.models import OfficialContact
from cms.pages.models import LegalDocumentIndexPage, SitemapPage
from cms.procedures.models import ONLINE_FILING_LEVELS, Procedure
from cms.publishing import deadlines
from cms.publishing.content import english_problems
from cms.publishing.models import PortalWorkflow
from cms.publishing.publish_checks import page_description
from cms.publishing.rules import check
from cms.publishing.sections import section_page

MAX_DETAILS = 20


@dataclass
class Result:
    score: float = 1.0
    measured: bool = True
    details: list = field(default_factory=list)  # (text, admin url)
    note: str = ""


def ratio(good, total, details, note=""):
    return Result(score=1.0 if total == 0 else good / total, details=details[:MAX_DETAILS],
                  note=note or _("%(good)s/%(total)s đạt") % {"good": good, "total": total})


def not_measured(note):
    return Result(score=1.0, measured=False, note=note)


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# -- structure -------------------------------------------------------------------------------

@check("mandatory_sections")
def mandatory_sections(portal, rule, context):
    codes = list(rule.params.get("sections", [])) + list(rule.params.get("by_kind", {}).get(portal.agency.kind, []))
    if not codes:
        return not_measured(_("Không bắt buộc với loại cơ quan này"))
    home = portal.site.root_page
    records = {code: apps.get_model(label) for code, label in rule.params.get("records", {}).items()}
    good, details = 0, []
    for code in codes:
        pages = context["sections"].get(code, [])
        if not pages:
            details.append((_("Thiếu chuyên mục “%(code)s”") % {"code": code},
                            reverse("wagtailadmin_pages:add_subpage", args=[home.pk])))
        elif code in records and not context["judge"].section_holds(pages, records[code]):
            details.append((_("Chuyên mục “%(title)s” chưa có %(kind)s nào (tin bài không thay cho hồ sơ có đủ thông tin)")
                            % {"title": pages[0].title, "kind": records[code]._meta.verbose_name},
                            page_edit_url(pages[0])))
        elif not context["judge"].section_has_content(pages, rule.params):
            details.append((_("Chuyên mục “%(title)s” chưa có nội dung") % {"title": pages[0].title}, page_edit_url(pages[0])))
        else:
            good += 1
    return ratio(good, len(codes), details)


@check("sitemap_and_search")
def sitemap_and_search(portal, rule, context):
    root = portal.site.root_page
    parts = [
        (SitemapPage.objects.live().descendant_of(root).exists(), _("Thiếu trang sơ đồ cổng (HTML)")),
        (_sitemap_lists_own_pages(portal), _("Sơ đồ cổng dạng XML (sitemap.xml) không liệt kê các trang của cổng")),
        (_resolves("search:page"), _("Thiếu chức năng tìm kiếm")),
        (LegalDocumentIndexPage.objects.live().descendant_of(root).exists(), _("Thiếu công cụ tra cứu văn bản")),
    ]
    details = [(text, reverse("wagtailadmin_pages:add_subpage", args=[root.pk])) for ok, text in parts if not ok]
    return ratio(sum(ok for ok, _text in parts), len(parts), details)


SITEMAP_LOCATION = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def _sitemap_lists_own_pages(portal):
    """The portal's own /sitemap.xml, asked for as a visitor would on its hostname: it answers,
    lists the home page and lists no other portal's pages."""
    request = RequestFactory().get("/sitemap.xml", HTTP_HOST=portal.site.hostname, SERVER_PORT=portal.site.port)
    try:
        match = resolve("/sitemap.xml")
        response = match.func(request, *match.args, **match.kwargs)
        response.render()
    except Exception:  # no sitemap route, a hostname Django refuses, a failing page: not served
        return False
    if response.status_code != 200:
        return False
    home = portal.site.root_page.specific.get_full_url(request)
    locations = SITEMAP_LOCATION.findall(response.content.decode())
    origin = home.split("/", 3)[:3]
    return home in locations and all(location.split("/", 3)[:3] == origin for location in locations)


def _resolves(name):
    try:
        reverse(name)
    except Exception:  # NoReverseMatch or a missing namespace: the function is not installed
        return False
    return True


@check("footer_information")
def footer_information(portal, rule, context):
    agency = portal.agency
    settings_url = reverse("wagtailsettings:edit", args=["portals", "portal", portal.site_id])
    agency_url = reverse("wagtailsnippets_portals_agency:edit", args=[agency.pk])
    parts = [
        (portal.person_responsible, _("Người chịu trách nhiệm"), settings_url),
        (agency.address, _("Địa chỉ"), agency_url), (agency.phone, _("Điện thoại"), agency_url),
        (agency.email, _("Thư điện tử"), agency_url),
    ]
    details = [(_("Chân trang thiếu: %(item)s") % {"item": label}, url) for value, label, url in parts if not value]
    return ratio(len(parts) - len(details), len(parts), details)


# -- compliance ------------------------------------------------------------------------------

@check("domain_name")
def domain_name(portal, rule, context):
    hostname = portal.site.hostname
    if any(hostname.endswith(suffix) or hostname == suffix for suffix in rule.params.get("development_suffixes", [])):
        return not_measured(_("Tên miền thử nghiệm (%(host)s), không đánh giá") % {"host": hostname})
    ok = hostname.endswith(rule.params["suffix"]) and hostname.isascii()
    details = [] if ok else [(_("Tên miền %(host)s không thuộc %(suffix)s") % {"host": hostname, "suffix": rule.params["suffix"]},
                              reverse("cong-thong-tin:index"))]
    return ratio(int(ok), 1, details)


@check("english_pages")
def english_pages(portal, rule, context):
    if portal.agency.kind not in rule.params.get("kinds", []):
        return not_measured(_("Không bắt buộc với loại cơ quan này"))
    page = section_page(portal, rule.params["section"], context["sections"])
    if page is None or not page.live:
        return ratio(0, 1, [(_("Chưa có trang tiếng Anh (chuyên mục mã “%(code)s”)") % {"code": rule.params["section"]},
                             page_edit_url(page) if page else reverse("wagtailadmin_pages:add_subpage", args=[portal.site.root_page.pk]))])
    problems = english_problems([page, *page.get_descendants().live().specific()], rule.params)
    messages = {"text": _("Trang tiếng Anh chưa giới thiệu cơ quan bằng tiếng Anh (cơ cấu tổ chức, chức năng, nhiệm vụ)"),
                "contacts": _("Trang tiếng Anh chưa có thông tin liên hệ (điện thoại, thư điện tử)")}
    details = [(messages[problem], page_edit_url(page)) for problem in problems]
    return ratio(2 - len(problems), 2, details)


@check("english_updates")
def english_updates(portal, rule, context):
    """The English pages follow the Vietnamese ones they translate (Art. 17.1.h: updated promptly
    when anything changes): the English section was published again at most `lag_days` after the
    last change to the Vietnamese sections, and so was every English page after its own source."""
    if portal.agency.kind not in rule.params.get("kinds", []):
        return not_measured(_("Không bắt buộc với loại cơ quan này"))
    pages = context["pages"]
    english = section_page(portal, rule.params["section"], context["sections"])
    sources = [page for code in rule.params["sources"] for page in context["sections"].get(code, [])[:1]]
    changed = max(filter(None, (pages.last_published(page) for page in sources)), default=None)
    if english is None or changed is None:
        return not_measured(_("Chưa có trang tiếng Anh hoặc trang tiếng Việt tương ứng"))
    lag = datetime.timedelta(days=rule.params["lag_days"])
    pairs = _translated_pages(pages, english)
    details = [(_("Trang %(title)s thay đổi ngày %(changed)s, bản tiếng Anh chưa được cập nhật theo") % {
        "title": source.title, "changed": _day(source.last_published_at)}, page_edit_url(translation))
        for translation, source in pairs if source.last_published_at - translation.last_published_at > lag]
    updated = pages.last_published(english)
    if updated is None or changed - updated > lag:
        details.insert(0, (_("Phần tiếng Việt thay đổi ngày %(changed)s, trang tiếng Anh chưa được cập nhật theo") % {
            "changed": _day(changed)}, page_edit_url(english)))
    return ratio(1 + len(pairs) - len(details), 1 + len(pairs), details)


def _translated_pages(pages, english):
    """(English page, the live Vietnamese page it translates) for the section's published pages."""
    sources = {page.translation_key: page for page in pages.live if not page.path.startswith(english.path)}
    return [(page, sources[page.translation_key]) for page in pages.live_within(english)
            if page.translation_key in sources and page.last_published_at and sources[page.translation_key].last_published_at]


def _day(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y")


@check("official_contacts")
def official_contacts(portal, rule, context):
    """Officials' contacts (Art. 10.1.k): name, title, phone or fax, official e-mail."""
    contacts = list(OfficialContact.objects.filter(agency=portal.agency))
    add_url = reverse("wagtailsnippets_organisation_officialcontact:add")
    if not contacts:
        return ratio(0, 1, [(_("Chưa có thông tin liên hệ của cán bộ lãnh đạo, cán bộ đầu mối"), add_url)])
    failing = [contact for contact in contacts if not (contact.title and (contact.phone or contact.fax) and contact.email)]
    details = [(_("%(name)s: thiếu chức vụ, điện thoại hoặc thư điện tử công vụ") % {"name": contact.full_name},
                reverse("wagtailsnippets_organisation_officialcontact:edit", args=[contact.pk])) for contact in failing]
    return ratio(len(contacts) - len(failing), len(contacts), details)


@check("metadata_coverage")
def metadata_coverage(portal, rule, context):
    types = rule.params.get("page_types", [])
    pages = [page for page in context["pages"].live if f"{page._meta.app_label}.{type(page).__name__}" in types]
    failing = [page for page in pages if not page_description(page)]
    details = [(_("Thiếu mô tả: %(title)s") % {"title": page.title}, page_edit_url(page)) for page in failing]
    return ratio(len(pages) - len(failing), len(pages), details)


def owned_records(model, portal):
    return model.objects.live().filter(owner_agency=portal.agency)


def _deadline_result(items, today, unmeasurable=()):
    """Items whose deadline has come, met or not; `unmeasurable` items (text, url) fail as well."""
    due = [item for item in items if item.done or item.due < today]
    failing = [item for item in due if not item.on_time]
    details = [(_("%(kind)s “%(label)s”: hạn %(due)s, %(state)s") % {
        "kind": item.kind, "label": item.label, "due": item.due.strftime("%d/%m/%Y"),
        "state": _("đăng ngày %s") % item.done_on.strftime("%d/%m/%Y") if item.done else _("chưa thực hiện"),
    }, item.url) for item in failing] + list(unmeasurable)
    return ratio(len(due) - len(failing), len(due) + len(unmeasurable), details)


def _since(rule, context, portal=None):
    period = rule.params.get("period_days")
    start = context["today"] - datetime.timedelta(days=period) if period else None
    return deadlines.measured_since(context["ruleset"], start, portal)


@check("document_deadlines")
def document_deadlines(portal, rule, context):
    """Own documents within the issuer's deadline, and documents of other agencies that apply to
    this one within the concerned agencies' deadline (Art. 17.1)."""
    ruleset, since = context["ruleset"], _since(rule, context, portal)
    items = deadlines.document_items(ruleset, portal.agency, since)
    if "concerned_days" in rule.params:
        items += deadlines.document_items(ruleset, portal.agency, since, concerned=True)
    return _deadline_result([item for item in items if item.rule_id == rule.id], context["today"])


@check("dissemination_deadlines")
def dissemination_deadlines(portal, rule, context):
    items = deadlines.dissemination_items(context["ruleset"], portal, _since(rule, context, portal), context["sections"])
    return _deadline_result(items, context["today"])


@check("section_deadlines")
def section_deadlines(portal, rule, context):
    """Plans, projects, science programmes and statistics posted as articles, within the days
    after their approval (Art. 17.1.d, e, g); an article that does not say when it was approved
    cannot be shown to be on time."""
    items, undated = deadlines.section_items(portal, rule, _since(rule, context, portal), context["sections"])
    missing = [(_("“%(title)s”: chưa ghi ngày phê duyệt, nghiệm thu hoặc quyết định công bố") % {"title": page.title},
                page_edit_url(page)) for page in undated]
    return _deadline_result(items, context["today"], missing)


@check("question_deadlines")
def question_deadlines(portal, rule, context):
    """Questions are received here, so every one since the rule set applied is measured."""
    return _deadline_result(deadlines.question_items(context["ruleset"], portal, _since(rule, context)), context["today"])


@check("update_frequency")
def update_frequency(portal, rule, context):
    now = context["now"]
    good, details = 0, []
    limits = rule.params.get("max_days", {})
    for code, days in limits.items():
        page = section_page(portal, code, context["sections"])
        latest = context["pages"].last_published(page) if page else None
        if latest and (now - latest).days <= days:
            good += 1
        else:
            details.append((_("Chuyên mục “%(code)s” không được cập nhật trong %(days)s ngày") % {"code": code, "days": days},
                            page_edit_url(page) if page else ""))
    return ratio(good, len(limits), details)




@check("qa_function")
def qa_function(portal, rule, context):
    ok = QuestionIndexPage.objects.live().descendant_of(portal.site.root_page).exists()
    page = section_page(portal, "hoi-dap", context["sections"])
    details = [] if ok else [(_("Chưa có trang hỏi đáp trực tuyến (gửi câu hỏi, tra cứu tình trạng)"),
                              page_edit_url(page) if page else "")]
    return ratio(int(ok), 1, details)


@check("service_levels")
def service_levels(portal, rule, context):
    procedures = [p for p in owned_records(Procedure, portal).prefetch_related("required_files")
                  if any(f.form_id for f in p.required_files.all())]
    allowed = rule.params.get("allowed_with_forms", [])
    failing = [p for p in procedures if p.service_level not in allowed]
    details = [(_("%(name)s: mức độ dịch vụ chưa đạt") % {"name": p.name}, p.get_admin_url()) for p in failing]
    return ratio(len(procedures) - len(failing), len(procedures), details)


@check("service_level_shown")
def service_level_shown(portal, rule, context):
    procedures = list(owned_records(Procedure, portal).only("name", "service_level"))
    failing = [p for p in procedures if not p.service_level]
    details = [(_("%(name)s: chưa ghi mức độ dịch vụ công") % {"name": p.name}, p.get_admin_url()) for p in failing]
    return ratio(len(procedures) - len(failing), len(procedures), details)


@check("online_service_usage")
def online_service_usage(portal, rule, context):
    since = context["today"] - datetime.timedelta(days=rule.params.get("max_age_days", 100))
    procedures = owned_records(Procedure, portal).filter(service_level__in=ONLINE_FILING_LEVELS).prefetch_related("usage")
    failing = [(p, gaps) for p in procedures if (gaps := _online_service_gaps(p, since))]
    details = [(_("%(name)s: thiếu %(gaps)s") % {"name": p.name, "gaps": "; ".join(gaps)}, p.get_admin_url())
               for p, gaps in failing]
    return ratio(len(procedures) - len(failing), len(procedures), details)


def _online_service_gaps(procedure, since):
    gaps = [] if procedure.online_guide.strip() else [_("hướng dẫn sử dụng")]
    if not any(figures.period_end >= since for figures in procedure.usage.all()):
        gaps.append(_("số liệu tiếp nhận, giải quyết hồ sơ đến sau ngày %s") % since.strftime("%d/%m/%Y"))
    return gaps


@check("satisfaction_rating")
def satisfaction_rating(portal, rule, context):
    since = context["today"] - datetime.timedelta(days=rule.params.get("period_days", 180))
    ok = Rating.objects.filter(site=portal.site, created_at__date__gte=since).exists()
    details = [] if ok else [(_("Chưa nhận được đánh giá nào trong kỳ: kiểm tra biểu mẫu đánh giá trên trang dịch vụ"),
                              reverse("engagement_ratings:index"))]
    return ratio(int(ok), 1, details)


IMAGE_EMBED = re.compile(r"<embed\b[^>]*embedtype=\"image\"[^>]*>", re.I)
ALT_PRESENT = re.compile(r"\balt=\"[^\"]+\"", re.I)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
LINK_TEXT = re.compile(r"<a\b[^>]*>(.*?)</a>", re.I | re.S)


def _accessibility_problems(page, vague):
    problems = []
    for field_name in ("body", "intro", "biography", "duties"):
        html = str(getattr(page, field_name, "") or "")
        tags = IMAGE_EMBED.findall(html) + IMG_TAG.findall(html)
        if any(not ALT_PRESENT.search(tag) for tag in tags):
            problems.append(_("ảnh thiếu văn bản thay thế"))
        if any(strip_tags(text).strip().lower() in vague for text in LINK_TEXT.findall(html)):
            problems.append(_("liên kết không có nội dung có nghĩa"))
    image = getattr(page, "image", None)
    if image is not None and not (image.description or "").strip():
        problems.append(_("ảnh đại diện thiếu mô tả"))
    return sorted(set(problems))


@check("accessibility")
def accessibility(portal, rule, context):
    vague = {text.lower() for text in rule.params.get("vague_link_texts", [])}
    pages = context["pages"].live
    details = []
    for page in pages:
        problems = _accessibility_problems(page, vague)
        if problems:
            details.append(("%s: %s" % (page.title, ", ".join(problems)), page_edit_url(page)))
    return ratio(len(pages) - len(details), len(pages), details)


# -- operations ------------------------------------------------------------------------------

@check("editorial_board")
def editorial_board(portal, rule, context):
    setup = PortalWorkflow.objects.filter(portal=portal).select_related("board_group").first()
    ok = setup is not None and setup.board_group.user_set.exists()
    url = reverse("wagtailusers_groups:edit", args=[setup.board_group_id]) if setup else ""
    details = [] if ok else [(_("Ban biên tập chưa có thành viên"), url)]
    return ratio(int(ok), 1, details)


@check("documented")
def documented(portal, rule, context):
    return not_measured(_("Theo dõi ngoài hệ thống"))
