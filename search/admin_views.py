"""The admin's query report: what citizens search on the portals a user works on (every portal for
the province), the queries that found nothing, and how often a result was opened."""

import datetime

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.publishing.views import visible_portals
from search.analytics import query_report as report_rows
from search.analytics import total_row

DAYS = 30


def query_report(request):
    portals = visible_portals(request.user)
    chosen = request.GET.get("portal", "")
    if chosen.isdigit():
        portals = [get_object_or_404(portals, pk=chosen)]
    since = timezone.localdate() - datetime.timedelta(days=DAYS - 1)
    top, nothing_found = report_rows(portals, since)
    return TemplateResponse(request, "search/query_report.html", {
        "page_title": _("Từ khóa tìm kiếm"), "days": DAYS, "top": top, "nothing_found": nothing_found,
        "totals": total_row(portals, since), "portals": visible_portals(request.user), "chosen": chosen,
    })
