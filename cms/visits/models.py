"""Visit statistics without trackers: how many times each page of a portal was viewed each day.

A count is all that is kept: no address, cookie, browser or time of day. Pages report a view with a
signed beacon image (themes), so views served from the page cache, nginx's page files or a CDN count
too, and only paths the portal itself rendered can be counted.
"""

import datetime

from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.counters import increment
from cms.core.models import Portal

PATH_LENGTH = 255


class PageVisits(models.Model):
    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="page_visits")
    path = models.CharField(_("đường dẫn"), max_length=PATH_LENGTH)
    day = models.DateField(_("ngày"))
    count = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trang trong ngày")
        verbose_name_plural = _("lượt xem trang theo ngày")
        constraints = [models.UniqueConstraint(fields=["portal", "day", "path"], name="visits_one_row_per_page_and_day")]


def record_visit(portal_id, path, day=None):
    """Add one view of `path` on the portal today (one UPDATE; an INSERT for the day's first view)."""
    increment(PageVisits, {"portal_id": portal_id, "path": path[:PATH_LENGTH], "day": day or timezone.localdate()}, count=1)


def since(days, today=None):
    return (today or timezone.localdate()) - datetime.timedelta(days=days - 1)


def totals_by_portal(portal_ids, days=30):
    """{portal id: views in the last `days` days}."""
    rows = PageVisits.objects.filter(portal_id__in=portal_ids, day__gte=since(days))
    return dict(rows.values_list("portal_id").annotate(total=Sum("count")))


def daily_totals(portal, days=30):
    """[(day, views)] for each of the last `days` days, oldest first, days without views included."""
    first = since(days)
    counted = dict(portal.page_visits.filter(day__gte=first).values_list("day").annotate(total=Sum("count")))
    return [(first + datetime.timedelta(days=n), counted.get(first + datetime.timedelta(days=n), 0)) for n in range(days)]


def top_pages(portal, days=30, limit=20):
    """[(path, views)] of the most viewed pages in the last `days` days."""
    rows = portal.page_visits.filter(day__gte=since(days)).values_list("path").annotate(total=Sum("count"))
    return list(rows.order_by("-total", "path")[:limit])
