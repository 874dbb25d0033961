"""Citizen engagement (Decree 43/2011 Art. 10.1.i, 15; Circular 32/2017 Art. 12): questions and
answers, drafts for public comment, satisfaction ratings."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from cms.core.registry import register_scoped_model
from cms.documents.models import RICH_TEXT_FEATURES
from cms.pages.models import PortalPage, paginate

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_tracking_code():
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


class QuestionStatus(models.TextChoices):
    RECEIVED = "moi-tiep-nhan", _("Mới tiếp nhận")
    ROUTED = "da-chuyen-xu-ly", _("Đã chuyển cơ quan có thẩm quyền")
    IN_PROGRESS = "dang-xu-ly", _("Đang xử lý (đã thông báo ngày trả lời)")
    ANSWERED = "da-tra-loi", _("Đã trả lời")
    OUT_OF_SCOPE = "khong-thuoc-tham-quyen", _("Không thuộc phạm vi trả lời")


# A reply, a progress notice or an out-of-scope notice all count as responding (Art. 17.1).
RESPONDED_STATUSES = {QuestionStatus.IN_PROGRESS, QuestionStatus.ANSWERED, QuestionStatus.OUT_OF_SCOPE}


class Question(models.Model):
    portal = models.ForeignKey("portals.Portal", verbose_name=_("cổng"), on_delete=models.CASCADE, related_name="questions")
    tracking_code = models.CharField(_("mã tra cứu"), max_length=12, unique=True, default=new_tracking_code, editable=False)
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=200)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung câu hỏi"), max_length=5000)
    status = models.CharField(_("tình trạng"), max_length=30, choices=QuestionStatus.choices, default=QuestionStatus.RECEIVED)
    routed_to = models.ForeignKey(
        "portals.Agency", verbose_name=_("chuyển đến cơ quan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True, max_length=20000)
    reply_date = models.DateField(_("ngày hẹn trả lời"), null=True, blank=True,
                                  help_text=_("Ghi khi thông báo tiến độ: ngày dự kiến có câu trả lời."))
    is_public = models.BooleanField(_("đăng công khai (vấn đề được nhiều người quan tâm)"), default=False)
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True, db_index=True)
    responded_at = models.DateTimeField(_("ngày phản hồi đầu tiên"), null=True, blank=True, editable=False)
    client_key = models.CharField(max_length=64, editable=False, default="")

    panels = [
        MultiFieldPanel([FieldPanel("subject", read_only=True), FieldPanel("body", read_only=True),
                         FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)],
                        heading=_("Câu hỏi")),
        FieldPanel("status"), FieldPanel("routed_to"), FieldPanel("reply_date"), FieldPanel("answer"), FieldPanel("is_public"),
    ]

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("hỏi đáp")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.tracking_code} — {self.subject}"

    def save(self, *args, **kwargs):
        if self.status in RESPONDED_STATUSES and self.responded_at is None:
            self.responded_at = timezone.now()
        super().save(*args, **kwargs)

    def get_admin_url(self):
        return reverse("engagement_questions:edit", args=[self.pk])

    @property
    def due_date(self):
        from cms.publishing.calendar import add_working_days
        from cms.publishing.rules import active_ruleset

        rule = active_ruleset().by_check("question_deadlines")
        days = rule.params["days"] if rule else 15
        return add_working_days(timezone.localtime(self.created_at).date(), days)


class QuestionIndexPage(RoutablePageMixin, PortalPage):
    """Q&A (Art. 15): ask without an account, track by code, read published answers."""

    intro = models.TextField(_("mô tả"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("hỏi đáp trực tuyến")

    @path("")
    def list_view(self, request):
        from cms.engagement.views import question_list

        return question_list(request, self)

    @path("gui-cau-hoi/")
    def ask_view(self, request):
        from cms.engagement.views import ask_question

        return ask_question(request, self)

    @path("tra-cuu/")
    def track_view(self, request):
        from cms.engagement.views import track_question

        return track_question(request, self)


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

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")

    @property
    def is_open(self):
        return self.deadline is not None and timezone.localdate() <= self.deadline

    @path("")
    def detail_view(self, request):
        from cms.engagement.views import consultation_detail

        return consultation_detail(request, self)


class CommentStatus(models.TextChoices):
    PENDING = "cho-duyet", _("Chờ duyệt")
    APPROVED = "da-duyet", _("Đã duyệt, hiển thị công khai")
    REJECTED = "tu-choi", _("Không hiển thị")


class DraftComment(models.Model):
    portal = models.ForeignKey("portals.Portal", verbose_name=_("cổng"), on_delete=models.CASCADE, related_name="+")
    draft = models.ForeignKey(ConsultationDraftPage, verbose_name=_("dự thảo"), on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=200)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=200, blank=True)
    body = models.TextField(_("nội dung góp ý"), max_length=5000)
    status = models.CharField(_("tình trạng"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)
    client_key = models.CharField(max_length=64, editable=False, default="")

    panels = [
        FieldPanel("draft", read_only=True), FieldPanel("name", read_only=True), FieldPanel("body", read_only=True),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"


class RatingLevel(models.TextChoices):
    VERY_SATISFIED = "rat-hai-long", _("Rất hài lòng")
    SATISFIED = "hai-long", _("Hài lòng")
    NOT_SATISFIED = "chua-hai-long", _("Chưa hài lòng")


class Rating(models.Model):
    """Overall satisfaction with a page or an online service (Circular 32/2017 Art. 12)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey("procedures.Procedure", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings")
    level = models.CharField(_("mức độ hài lòng"), max_length=20, choices=RatingLevel.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    client_key = models.CharField(max_length=64, editable=False, default="")

    class Meta:
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = _("đánh giá mức độ hài lòng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False) | models.Q(procedure__isnull=False), name="rating_has_a_target"
            )
        ]

    def __str__(self):
        return f"{self.get_level_display()} — {self.procedure or self.page}"


# Moderators see and change the items of the portals whose agencies they manage.
register_scoped_model(Question, "portal__agency")
register_scoped_model(DraftComment, "portal__agency")
register_scoped_model(Rating, "site__portal__agency")
