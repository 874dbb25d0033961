"""Top-down notices: one record, issued by an agency (usually the province) and shown on every portal
it targets below it (a storm warning, an election notice, a policy every portal must display).

A notice targets the issuing agency's own portal and, below it, the agencies of the kinds it names
and the agencies it lists (nothing named: every agency below it). An ordinary notice is shown on
the home page of each targeted portal; an emergency notice is a banner above every page of them.
Only those who manage the issuing agency change it (its permission policy): a targeted portal's
editors can neither edit nor hide it. It is published, scheduled and expired like any Wagtail
snippet with drafts; the background worker's scheduled publishing takes it down at its expiry, and
the page cache purges the pages it touches on each portal (themes.shown).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin

from cms.core.models import Agency, AgencyKind
from cms.core.permissions import AgencyScopedForm
from cms.core.registry import register_scoped_model


class NoticeForm(AgencyScopedForm):
    target_kinds = forms.MultipleChoiceField(
        label=_("Gửi đến các cổng thuộc loại"), choices=AgencyKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean()
        owner, agencies = cleaned.get("owner"), cleaned.get("agencies") or []
        outside = [agency.name for agency in agencies if owner and not agency.path.startswith(owner.path)]
        if outside:
            self.add_error("agencies", _("Chỉ gửi được đến cơ quan trực thuộc cơ quan ban hành: %(names)s.")
                           % {"names": ", ".join(outside)})
        return cleaned


class NoticeQuerySet(models.QuerySet):
    def in_force(self, now=None):
        return self.filter(live=True).filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now()))

    def shown_to(self, agency):
        """The notices in force on the portal of `agency`, emergencies first, newest first."""
        issued_above = self.in_force().filter(owner_id__in=agency.ancestor_ids())
        notices = issued_above.select_related("owner").prefetch_related("agencies").order_by(
            "-emergency", "-first_published_at")
        return [notice for notice in notices if notice.targets(agency)]


class Notice(DraftStateMixin, RevisionMixin, ClusterableModel):
    owner = models.ForeignKey(Agency, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                              related_name="notices_issued")
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = RichTextField(_("nội dung"), features=["bold", "italic", "link"], blank=True)
    link = models.URLField(_("liên kết xem chi tiết"), blank=True)
    emergency = models.BooleanField(
        _("khẩn cấp"), default=False,
        help_text=_("Hiện thành băng cảnh báo trên đầu mọi trang của các cổng nhận; cổng nhận không gỡ được."),
    )
    target_kinds = models.JSONField(_("loại cơ quan nhận"), default=list, blank=True)
    agencies = ParentalManyToManyField(
        Agency, verbose_name=_("cơ quan nhận"), blank=True, related_name="notices_received",
        help_text=_("Để trống cả loại và danh sách: gửi đến mọi cơ quan trực thuộc."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoticeQuerySet.as_manager()
    base_form_class = NoticeForm

    panels = [
        FieldPanel("owner"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("link"),
        FieldPanel("emergency"),
        MultiFieldPanel([FieldPanel("target_kinds"), FieldPanel("agencies")], heading=_("Cổng nhận thông báo")),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = _("thông báo toàn tỉnh")
        verbose_name_plural = _("thông báo toàn tỉnh")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        unknown = set(self.target_kinds or []) - set(AgencyKind.values)
        if unknown:
            raise ValidationError({"target_kinds": _("Loại cơ quan không hợp lệ: %(kinds)s.")
                                   % {"kinds": ", ".join(sorted(unknown))}})

    def targets(self, agency):
        """Whether the portal of `agency` shows this notice."""
        return agency.pk in self.targeted_among([agency])

    def targeted_among(self, agencies):
        """Ids of those of `agencies` whose portals show this notice: the issuer's own, and below it
        those of the kinds named or listed (every one when nothing is named)."""
        listed = {agency.pk for agency in self.agencies.all()}
        everyone_below = not self.target_kinds and not listed
        return {
            agency.pk for agency in agencies
            if agency.pk == self.owner_id or agency.is_descendant_of(self.owner) and (
                everyone_below or agency.kind in self.target_kinds or agency.pk in listed)
        }

    def targeted_agency_ids(self):
        """Ids of the agencies whose portals show this notice."""
        return self.targeted_among(Agency.objects.subtree_of(self.owner).only("pk", "kind", "path"))


register_scoped_model(Notice, "owner")
