"""The search outbox: every change to searchable content, recorded in the content's transaction."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cms.core.registry import register_scoped_model, searchable_record_types
from cms.core.text import fold

PAGE = "page"


def entry_kinds():
    """(kind, label) of everything the index holds: each searchable record type, and pages."""
    return [(rt.key, capfirst(rt.label)) for rt in searchable_record_types()] + [(PAGE, _("Trang, tin bài"))]


class OutboxAction(models.TextChoices):
    UPSERT = "upsert", _("Cập nhật")
    DELETE = "delete", _("Xóa")


class SearchOutbox(models.Model):
    """One pending change. The indexer drains rows in bulk and re-reads the current state of each
    object, so the action is a hint and draining the same row twice is harmless."""

    kind = models.CharField(max_length=20, choices=entry_kinds)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=OutboxAction.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi chờ lập chỉ mục")
        verbose_name_plural = _("thay đổi chờ lập chỉ mục")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.action} {self.kind} #{self.object_id}"

    @classmethod
    def record(cls, kind, object_ids, action):
        cls.objects.bulk_create([cls(kind=kind, object_id=pk, action=action) for pk in object_ids])


class QueryDay(models.Model):
    """How often one query was searched on one portal on one day, how often it found nothing and
    how often a result was opened. Nothing about who searched is kept (search.analytics)."""

    portal = models.ForeignKey("portals.Portal", on_delete=models.CASCADE, related_name="search_queries")
    day = models.DateField(_("ngày"))
    query = models.CharField(_("từ khóa"), max_length=200)
    searches = models.PositiveIntegerField(_("lượt tìm"), default=0)
    empty = models.PositiveIntegerField(_("lượt không có kết quả"), default=0)
    clicks = models.PositiveIntegerField(_("lượt mở kết quả"), default=0)

    class Meta:
        verbose_name = _("từ khóa tìm kiếm trong ngày")
        verbose_name_plural = _("từ khóa tìm kiếm theo ngày")
        constraints = [models.UniqueConstraint(fields=["portal", "day", "query"], name="search_one_row_per_query_and_day")]

    def __str__(self):
        return self.query


class BestBet(models.Model):
    """A result pinned first for some queries on one portal (search.best_bets): province
    administrators pin on any portal, a portal's approvers on theirs."""

    portal = models.ForeignKey("portals.Portal", verbose_name=_("cổng"), on_delete=models.CASCADE, related_name="best_bets")
    queries = models.TextField(_("từ khóa"), help_text=_(
        "Mỗi dòng một từ khóa. Khớp khi người dân gõ đúng từ khóa đó, có dấu hay không dấu, hoa hay thường."))
    address = models.CharField(_("địa chỉ kết quả"), max_length=500, help_text=_(
        "Địa chỉ trang, văn bản hoặc thủ tục trên cổng này, ví dụ /dich-vu-cong/12/ hoặc địa chỉ đầy đủ."))
    target_kind = models.CharField(max_length=20, choices=entry_kinds, editable=False)
    target_id = models.PositiveBigIntegerField(editable=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    expires_on = models.DateField(_("hết hạn"), null=True, blank=True, help_text=_("Để trống nếu không hết hạn."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả ưu tiên")
        verbose_name_plural = _("kết quả ưu tiên")
        ordering = ["portal", "pk"]

    def __str__(self):
        return self.queries.splitlines()[0] if self.queries.strip() else self.address

    def keys(self):
        """The queries as matched: folded, one per line."""
        return {fold(line) for line in self.queries.splitlines() if line.strip()}


register_scoped_model(BestBet, "portal__agency")
