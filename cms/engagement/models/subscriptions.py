"""E-mail subscriptions: a citizen, without an account, receives a portal's new news, documents or
procedures (optionally of one sector or document type), at once or as a daily digest. An address
is used only once confirmed from the mailbox (double opt-in) and is deleted when unsubscribed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.models import Portal
from cms.documents.models import DocumentType, Sector


class Topic(models.TextChoices):
    NEWS = "tin-tuc", _("Tin tức")
    DOCUMENTS = "van-ban", _("Văn bản")
    PROCEDURES = "thu-tuc", _("Thủ tục hành chính")


class Frequency(models.TextChoices):
    IMMEDIATE = "ngay", _("Ngay khi đăng")
    DAILY = "hang-ngay", _("Tổng hợp hằng ngày")


class Subscription(models.Model):
    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(_("thư điện tử"))
    topic = models.CharField(_("nhận tin về"), max_length=20, choices=Topic.choices)
    sector = models.ForeignKey(Sector, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.CASCADE)
    document_type = models.ForeignKey(DocumentType, verbose_name=_("loại văn bản"), null=True, blank=True,
                                      on_delete=models.CASCADE)
    frequency = models.CharField(_("tần suất"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # What was published up to this moment has been sent (or predates the subscription).
    sent_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký nhận tin")
        verbose_name_plural = _("đăng ký nhận tin")
        indexes = [models.Index(fields=["email", "created_at"])]

    def __str__(self):
        return f"{self.email}: {self.get_topic_display()}"


class Delivery(models.Model):
    """One message sent to a subscriber: the per-recipient limits count these."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    items = models.PositiveIntegerField(default=0)
