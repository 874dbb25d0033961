"""Page types of a portal. Sections carry the Decree 43/2011 section they serve (section_code)."""

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
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
    subpage_types = ["pages.NewsArticlePage"]

    class Meta:
        verbose_name = _("chuyên mục tin tức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = NewsArticlePage.objects.live().child_of(self).order_by("-date", "-pk")
        context["articles"] = paginate(request, articles)
        return context


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
