"""The citizens' side of engagement (Decree 43/2011 Art. 10.1.i, 15; Circular 32/2017 Art. 12):
questions, comments on drafts and satisfaction ratings, each belonging to a portal."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms.core.registry import register_scoped_model

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
    # Set when the question is received, under the publishing rules in force then (cms.publishing).
    due_date = models.DateField(_("hạn trả lời"), null=True, blank=True, editable=False)
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

    def clean(self):
        super().clean()
        if self.status == QuestionStatus.IN_PROGRESS and self.reply_date is None:
            raise ValidationError({"reply_date": _("Thông báo tiến độ phải ghi ngày dự kiến có câu trả lời.")})

    @property
    def has_responded(self):
        """Answered, declared out of scope, or told when the answer will come (a progress notice
        without a date tells the sender nothing)."""
        if self.status == QuestionStatus.IN_PROGRESS:
            return self.reply_date is not None
        return self.status in RESPONDED_STATUSES

    def save(self, *args, **kwargs):
        if self.has_responded and self.responded_at is None:
            self.responded_at = timezone.now()
        super().save(*args, **kwargs)

    def get_admin_url(self):
        return reverse("engagement_questions:edit", args=[self.pk])



class CommentStatus(models.TextChoices):
    PENDING = "cho-duyet", _("Chờ duyệt")
    APPROVED = "da-duyet", _("Đã duyệt, hiển thị công khai")
    REJECTED = "tu-choi", _("Không hiển thị")


class DraftComment(models.Model):
    portal = models.ForeignKey("portals.Portal", verbose_name=_("cổng"), on_delete=models.CASCADE, related_name="+")
    draft = models.ForeignKey("engagement.ConsultationDraftPage", verbose_name=_("dự thảo"), on_delete=models.CASCADE, related_name="comments")
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
