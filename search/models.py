"""The search outbox: every change to searchable content, recorded in the content's transaction."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cms.core.registry import searchable_record_types

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
