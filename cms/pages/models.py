"""Page types of a portal. Sections carry the Decree 43/2011 section they serve (section_code)."""

import datetime

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.publication import GatedPublicationMixin
from cms.documents.models import LEGAL_DOCUMENTS, RICH_TEXT_FEATURES, LegalDocument
from cms.organisation.models import OfficialContact
from cms.pages.querysets import PortalPageManager
from cms.procedures.models import PROCEDURES, Procedure
from cms.core.models import Portal, PortalStatus, kind_order, portal_address

PAGE_SIZE = 20


def portal_page_models():
    """Every page type of a portal: the concrete subclasses of PortalPage, in every app."""
    return [model for model in apps.get_models() if issubclass(model, PortalPage)]


def filtered(record_type, request, records):
    """(the record type's filter set, the records it selects); unfiltered or with an invalid value,
    every record (the form shows the error)."""
    filters = record_type.filterset_class(request.GET or None, queryset=records)
    return filters, filters.qs if filters.is_valid() else records


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of results; an out-of-range or malformed page number gives the nearest valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class PortalPage(GatedPublicationMixin, Page):
    """Base for every page type: knows the portal (and so the agency) it belongs to; publications
    pass the publication gate (cms.core.publication)."""

    section_code = models.SlugField(
        _("mã chuyên mục"), max_length=40, blank=True,
        help_text=_("Chuyên mục bắt buộc theo Nghị định 43/2011 mà trang này đáp ứng (do bản mẫu gán)."),
    )
    promote_panels = Page.promote_panels + [FieldPanel("section_code")]
    # The portal's editorial board (Ban biên tập) approves this type after the approvers.
    reviewed_by_board = False

    objects = PortalPageManager()

    class Meta:
        abstract = True

    def get_portal(self, request=None):
        site = self.get_site()
        return Portal.for_site(site) if site else None

    def get_agency(self, request=None):
        portal = self.get_portal(request)
        return portal.agency if portal else None

    @property
    def summary(self):
        """Dublin Core description: the SEO description, else the intro, else the title."""
        return self.search_description or getattr(self, "intro", "") or self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        root = self.get_site().root_page if self.get_site() else self
        context["documents_page"] = LegalDocumentIndexPage.objects.live().descendant_of(root, inclusive=True).first()
        context["procedures_page"] = ProcedureIndexPage.objects.live().descendant_of(root, inclusive=True).first()
        return context


class HomePage(PortalPage):
    intro = RichTextField(_("giới thiệu ngắn"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("trang chủ cổng")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agency = self.get_agency(request)
        context["latest_news"] = (
            NewsArticlePage.objects.live().descendant_of(self).order_by("-date", "-pk")[:6]
        )
        if agency:
            context["latest_documents"] = (
                LegalDocument.objects.live().for_agency(agency).select_related("document_type")[:6]
            )
            context["featured_procedures"] = Procedure.objects.live().for_agency(agency).select_related("sector")[:6]
            context["component_portals"] = [
                (portal, portal_address(portal.site, request)) for portal in _component_portals(agency)
            ]
        return context


def _component_portals(agency):
    return (
        Portal.objects.filter(agency__parent=agency, status=PortalStatus.ACTIVE)
        .select_related("agency", "site")
        .order_by(kind_order("agency__kind"), "agency__name")
    )


class SectionPage(PortalPage):
    """A section of the portal (chuyên mục): introduction, direction, plans, ..."""

    intro = models.TextField(_("mô tả"), blank=True)
    body = RichTextField(_("nội dung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = PortalPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("chuyên mục")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = paginate(request, self.get_children().live().specific())
        return context


class StandardPage(PortalPage):
    intro = models.TextField(_("tóm tắt"), blank=True)
    body = RichTextField(_("nội dung"), features=RICH_TEXT_FEATURES)

    content_panels = PortalPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("trang nội dung")


class NewsIndexPage(PortalPage):
    intro = models.TextField(_("mô tả"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    subpage_types = ["pages.NewsArticlePage", "pages.GazetteIssuePage", "pages.ProjectPage", "pages.ScienceProgrammePage"]

    class Meta:
        verbose_name = _("chuyên mục tin tức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, self.listed_pages())
        return context

    def listed_pages(self):
        """Its articles, newest first; a section that also takes records (gazette issues, projects,
        science programmes) lists everything in it, latest published first."""
        if any(self.section_code in model.section_codes for model in RECORD_PAGE_TYPES):
            return self.get_children().live().specific().order_by("-first_published_at", "-pk")
        return NewsArticlePage.objects.live().child_of(self).order_by("-date", "-pk")


class NewsOrigin(models.TextChoices):
    ORIGINAL = "tin-goc", _("Tin do cơ quan viết")
    REPOST = "dang-lai", _("Tin đăng lại, trích dẫn từ nơi khác")


class NewsArticlePage(PortalPage):
    date = models.DateField(_("ngày đăng"))
    intro = models.TextField(_("sapo"), max_length=600)
    body = RichTextField(_("nội dung"), features=RICH_TEXT_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh đại diện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    author = models.CharField(
        _("tác giả"), max_length=255, help_text=_("Bắt buộc ghi tên tác giả (Nghị định 43/2011, Điều 5).")
    )
    # Asked on every article, never assumed: the publish rules refuse an article without an answer
    # and a repost without its source (Decree 43/2011 Art. 5).
    origin = models.CharField(_("tin gốc hay tin đăng lại"), max_length=20, choices=NewsOrigin.choices, blank=True)
    source = models.CharField(
        _("nguồn tin"), max_length=255, blank=True,
        help_text=_("Bắt buộc khi đăng lại, trích dẫn tin từ nơi khác (Nghị định 43/2011, Điều 5)."),
    )
    source_url = models.URLField(_("địa chỉ nguồn"), blank=True)
    decision_date = models.DateField(
        _("ngày phê duyệt, nghiệm thu hoặc quyết định công bố"), null=True, blank=True,
        help_text=_("Với chiến lược, quy hoạch, kế hoạch, dự án, đấu thầu, đề tài khoa học, số liệu thống kê: hạn đăng "
                    "tải tính từ ngày này (Nghị định 43/2011, điểm d, e, g khoản 1 Điều 17)."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("date"),
        FieldPanel("decision_date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("origin"),
                         FieldPanel("source"), FieldPanel("source_url")], heading=_("Tác giả, nguồn tin")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []
    reviewed_by_board = True

    class Meta:
        verbose_name = _("tin bài")


class RecordPage(PortalPage):
    """A record a section must publish with its fields, as a page of that section (Decree 43/2011
    Art. 10.1 g and h, Art. 11): created only in the sections of `section_codes`; the publish
    rules name the fields each type must have (cms/publishing/rulesets)."""

    section_codes = ()
    date = models.DateField(_("ngày đăng"), default=datetime.date.today)
    intro = models.TextField(_("tóm tắt"), max_length=600)
    body = RichTextField(_("nội dung chi tiết"), blank=True, features=RICH_TEXT_FEATURES)
    file = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp đính kèm"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    shown_fields = ()  # the fields the page lists under its title, in order

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        section = getattr(parent.specific_deferred, "section_code", "")
        return super().can_create_at(parent) and section in cls.section_codes

    def get_template(self, request, *args, **kwargs):
        return "pages/record_page.html"  # one template lists any type's fields

    def record_text(self):
        """The record's fields as plain text, for the search index."""
        return " ".join(str(value) for _label, value in self.shown_values())

    def shown_values(self):
        """(label, value) of each field shown that has a value."""
        for name in self.shown_fields:
            display = getattr(self, f"get_{name}_display", None)  # the label of a choice
            value = display() if display else getattr(self, name)
            if value not in (None, ""):
                yield self._meta.get_field(name).verbose_name, value


class GazetteIssuePage(RecordPage):
    """An issue of the province's electronic official gazette (Art. 10.1.g): its number, its date
    and the documents it carries, each with its abstract."""

    section_codes = ("cong-bao",)
    issue_number = models.CharField(_("số công báo"), max_length=50, blank=True)
    issue_date = models.DateField(_("ngày phát hành"), null=True, blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("issue_number"), FieldPanel("issue_date"), FieldPanel("date"), FieldPanel("intro"),
        InlinePanel("entries", label=_("văn bản đăng trong số"), heading=_("Danh mục văn bản")),
        FieldPanel("file"), FieldPanel("body"),
    ]
    shown_fields = ("issue_number", "issue_date")

    class Meta:
        verbose_name = _("số công báo")

    def record_text(self):
        """Its number, date and the numbers and abstracts of the documents it carries."""
        entries = " ".join(f"{entry.number} {entry.abstract}" for entry in self.entries.all())
        return f"{super().record_text()} {entries}"


class GazetteEntry(Orderable):
    issue = ParentalKey(GazetteIssuePage, related_name="entries", on_delete=models.CASCADE)
    number = models.CharField(_("số, ký hiệu"), max_length=100)
    abstract = models.TextField(_("trích yếu"))
    document = models.ForeignKey(
        LegalDocument, verbose_name=_("văn bản trên cổng"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("number"), FieldPanel("abstract"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản trong số công báo")


DECISION_DATE_HELP = _("Hạn đăng tải tính từ ngày này (Nghị định 43/2011, điểm e, g khoản 1 Điều 17).")


class ProjectPage(RecordPage):
    """A project, investment, tender or public procurement (Art. 10.1.h)."""

    section_codes = ("du-an-dau-tu",)
    decision_date = models.DateField(_("ngày phê duyệt"), null=True, blank=True, help_text=DECISION_DATE_HELP)
    objective = models.TextField(_("mục tiêu"), blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    project_type = models.CharField(_("loại dự án"), max_length=255, blank=True,
                                    help_text=_("Ví dụ: dự án đầu tư công nhóm B, gói thầu mua sắm công, dự án PPP."))
    period = models.CharField(_("thời gian thực hiện"), max_length=100, blank=True)
    budget = models.CharField(_("tổng mức đầu tư, kinh phí"), max_length=255, blank=True)
    funding_type = models.CharField(_("hình thức, nguồn vốn"), max_length=255, blank=True)
    donor = models.CharField(_("nhà tài trợ"), max_length=255, blank=True,
                             help_text=_("Ghi “Không” với dự án không có nhà tài trợ."))
    status = models.CharField(_("tình trạng"), max_length=255, blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("date"), FieldPanel("decision_date"), FieldPanel("intro"),
        MultiFieldPanel([FieldPanel(name) for name in (
            "objective", "field", "project_type", "period", "budget", "funding_type", "donor", "status")],
            heading=_("Thông tin dự án")),
        FieldPanel("file"), FieldPanel("body"),
    ]
    shown_fields = ("objective", "field", "project_type", "period", "budget", "funding_type", "donor", "status",
                    "decision_date")

    class Meta:
        verbose_name = _("dự án, gói thầu")


class ManagementLevel(models.TextChoices):
    NATIONAL = "quoc-gia", _("Cấp quốc gia")
    MINISTRY = "bo", _("Cấp bộ, ngành")
    PROVINCE = "tinh", _("Cấp tỉnh")
    GRASSROOTS = "co-so", _("Cấp cơ sở")


class ScienceProgrammePage(RecordPage):
    """A science and technology programme or research topic (Art. 11): what it is while under way,
    and once accepted a summary of its results and a report on their application."""

    section_codes = ("khoa-hoc",)
    decision_date = models.DateField(_("ngày phê duyệt hoặc nghiệm thu"), null=True, blank=True,
                                     help_text=DECISION_DATE_HELP)
    programme_code = models.CharField(_("mã số"), max_length=100, blank=True)
    management_level = models.CharField(_("cấp quản lý"), max_length=20, choices=ManagementLevel.choices, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    lead_unit = models.CharField(_("đơn vị chủ trì"), max_length=255, blank=True)
    period = models.CharField(_("thời gian thực hiện"), max_length=100, blank=True)
    accepted = models.BooleanField(_("đã nghiệm thu"), default=False)
    results_summary = models.TextField(_("tóm tắt kết quả"), blank=True)
    application_report = models.TextField(_("báo cáo ứng dụng kết quả"), blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("date"), FieldPanel("decision_date"), FieldPanel("intro"),
        MultiFieldPanel([FieldPanel(name) for name in ("programme_code", "management_level", "field", "lead_unit", "period")],
                        heading=_("Thông tin chương trình, đề tài")),
        MultiFieldPanel([FieldPanel("accepted"), FieldPanel("results_summary"), FieldPanel("application_report")],
                        heading=_("Nghiệm thu")),
        FieldPanel("file"), FieldPanel("body"),
    ]
    shown_fields = ("programme_code", "management_level", "field", "lead_unit", "period", "decision_date", "results_summary",
                    "application_report")

    class Meta:
        verbose_name = _("chương trình, đề tài khoa học")


RECORD_PAGE_TYPES = (GazetteIssuePage, ProjectPage, ScienceProgrammePage)


class OrganisationPage(PortalPage):
    """Organisation structure: functions, tasks, sub-units and leaders (Art. 10.1.a)."""

    intro = models.TextField(_("mô tả"), blank=True)
    body = RichTextField(_("chức năng, nhiệm vụ, quyền hạn"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = PortalPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["pages.LeaderPage", "pages.StandardPage"]

    class Meta:
        verbose_name = _("cơ cấu tổ chức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agency = self.get_agency(request)
        context["leaders"] = LeaderPage.objects.live().child_of(self).order_by("sort_order", "title")
        context["units"] = agency.children.order_by("name") if agency else []
        return context


class LeaderPage(PortalPage):
    position = models.CharField(_("chức vụ"), max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    birth_year = models.PositiveIntegerField(_("năm sinh"), null=True, blank=True)
    biography = RichTextField(_("tiểu sử"), blank=True, features=RICH_TEXT_FEATURES)
    duties = RichTextField(_("nhiệm vụ được phân công"), blank=True, features=RICH_TEXT_FEATURES)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=100)

    content_panels = PortalPage.content_panels + [
        FieldPanel("position"), FieldPanel("photo"), FieldPanel("birth_year"), FieldPanel("biography"),
        FieldPanel("duties"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("sort_order"),
    ]
    parent_page_types = ["pages.OrganisationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lãnh đạo")


class ContactPage(PortalPage):
    """Portal contact (Art. 10.1.l) and officials' contacts (Art. 10.1.k)."""

    intro = RichTextField(_("ghi chú"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("trang liên hệ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agency = self.get_agency(request)
        context["contact_agency"] = agency
        context["contacts"] = OfficialContact.objects.for_agency(agency) if agency else []
        return context


class LegalDocumentIndexPage(RoutablePageMixin, PortalPage):
    """Legal documents shown on this portal, with filters and detail pages (Art. 10.1.e)."""

    intro = models.TextField(_("mô tả"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("danh mục văn bản")

    def documents_for(self, request):
        agency = self.get_agency(request)
        documents = LegalDocument.objects.live()
        return documents.for_agency(agency) if agency else documents

    @path("")
    def list_view(self, request):
        filters, documents = filtered(LEGAL_DOCUMENTS, request, self.documents_for(request).select_related("document_type"))
        context = self.get_context(request)
        context.update(form=filters.form, page_fields=filters.page_fields, documents=paginate(request, documents))
        return TemplateResponse(request, "pages/legal_document_index_page.html", context)

    @path("<int:pk>/")
    def detail_view(self, request, pk):
        document = get_object_or_404(
            self.documents_for(request).select_related("document_type", "owner_agency"), pk=pk
        )
        context = self.get_context(request)
        context.update(document=document, relations=document.related_documents())
        return TemplateResponse(request, "pages/legal_document_detail.html", context)

    def url_for(self, document, request=None):
        return self.get_url(request) + self.reverse_subpage("detail_view", args=[document.pk])


USAGE_PERIODS_SHOWN = 4


class ProcedureIndexPage(RoutablePageMixin, PortalPage):
    """Administrative procedures and online public services (Art. 18)."""

    intro = models.TextField(_("mô tả"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")

    def procedures_for(self, request):
        agency = self.get_agency(request)
        procedures = Procedure.objects.live()
        return procedures.for_agency(agency) if agency else procedures

    @path("")
    def list_view(self, request):
        """Procedures grouped by sector (Decree 43/2011 Art. 18), each with its service level."""
        listed = self.procedures_for(request).select_related("sector").order_by("sector__name", "name")
        filters, procedures = filtered(PROCEDURES, request, listed)
        context = self.get_context(request)
        context.update(form=filters.form, page_fields=filters.page_fields, procedures=paginate(request, procedures))
        return TemplateResponse(request, "pages/procedure_index_page.html", context)

    @path("<int:pk>/")
    def detail_view(self, request, pk):
        procedure = get_object_or_404(
            self.procedures_for(request).select_related("sector", "owner_agency"), pk=pk
        )
        context = self.get_context(request)
        context.update(
            procedure=procedure,
            legal_basis=procedure.legal_basis.filter(live=True).select_related("document_type"),
            required_files=procedure.required_files.select_related("form"),
            usage=procedure.usage.all()[:USAGE_PERIODS_SHOWN],
        )
        return TemplateResponse(request, "pages/procedure_detail.html", context)

    def url_for(self, procedure, request=None):
        return self.get_url(request) + self.reverse_subpage("detail_view", args=[procedure.pk])


class SitemapPage(PortalPage):
    """The portal's site map as an HTML tree (Circular 32/2017 Art. 16)."""

    subpage_types = []

    class Meta:
        verbose_name = _("sơ đồ cổng")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        root = self.get_site().root_page
        context["tree"] = _page_tree(root)
        return context


def _page_tree(root, max_depth=3):
    """(page, children) pairs for live, non-private pages below root, built from one query."""
    pages = list(
        Page.objects.live().public().descendant_of(root)
        .filter(depth__lte=root.depth + max_depth).order_by("path").only("title", "url_path", "path", "depth")
    )
    children_of = {}
    for page in pages:
        children_of.setdefault(page.path[: -Page.steplen], []).append(page)

    def build(page):
        return [(child, build(child)) for child in children_of.get(page.path, [])]

    return build(root)


class PreviewLink(models.Model):
    """A time-limited, revocable link to a page's latest draft, for a reader without an account (a
    leader asked to read before approval). Only a digest of its secret is kept: the address is shown
    once, to the editor who makes it (cms.pages.previews)."""

    page = models.ForeignKey(Page, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="preview_links")
    secret_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    views = models.PositiveIntegerField(_("số lần xem"), default=0)
    last_viewed_at = models.DateTimeField(_("xem lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("liên kết xem trước")
        verbose_name_plural = _("liên kết xem trước")
        ordering = ["-created_at"]

    @property
    def is_open(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
