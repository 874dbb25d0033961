"""Engagement page types: Q&A and drafts for public comment (their views: cms/engagement/views.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from cms.documents.models import RICH_TEXT_FEATURES
from cms.engagement import views
from cms.pages.models import PortalPage, paginate


class QuestionIndexPage(RoutablePageMixin, PortalPage):
    """Q&A (Art. 15): ask without an account, track by code, read published answers."""

    intro = models.TextField(_("mô tả"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("hỏi đáp trực tuyến")

    @path("")
    def list_view(self, request):
        return views.question_list(request, self)

    @path("gui-cau-hoi/")
    def ask_view(self, request):
        return views.ask_question(request, self)

    @path("tra-cuu/")
    def track_view(self, request):
        return views.track_question(request, self)


class ConsultationIndexPage(PortalPage):
    """Drafts for public comment (Art. 10.1.i), open ones first."""

    intro = models.TextField(_("mô tả"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    subpage_types = ["engagement.ConsultationDraftPage"]

    class Meta:
        verbose_name = _("danh mục lấy ý kiến dự thảo")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        drafts = ConsultationDraftPage.objects.live().child_of(self).order_by("-deadline", "-pk")
        context["drafts"] = paginate(request, drafts)
        context["today"] = timezone.localdate()
        return context


class ConsultationDraftPage(RoutablePageMixin, PortalPage):
    intro = models.TextField(_("tóm tắt"), blank=True)
    body = RichTextField(_("toàn văn dự thảo"), features=RICH_TEXT_FEATURES)
    draft_file = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp dự thảo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.DateField(_("hạn nhận góp ý"), null=True, blank=True)
    receiving_unit = models.CharField(_("đơn vị tiếp nhận góp ý"), max_length=255, blank=True)
    receiving_address = models.CharField(_("địa chỉ tiếp nhận"), max_length=255, blank=True)
    receiving_email = models.EmailField(_("thư điện tử tiếp nhận"), blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"), FieldPanel("body"), FieldPanel("draft_file"), FieldPanel("deadline"),
        MultiFieldPanel([FieldPanel("receiving_unit"), FieldPanel("receiving_address"), FieldPanel("receiving_email")],
                        heading=_("Đơn vị tiếp nhận")),
    ]
    parent_page_types = ["engagement.ConsultationIndexPage"]
    subpage_types = []
    reviewed_by_board = True

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")

    @property
    def is_open(self):
        return self.deadline is not None and timezone.localdate() <= self.deadline

    @path("")
    def detail_view(self, request):
        return views.consultation_detail(request, self)
