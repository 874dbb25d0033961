"""The admin's visit statistics: the portals a user works on (every portal for the province), and
for one portal its views day by day and its most viewed pages."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.publishing.views import visible_portals
from cms.visits.models import daily_totals, top_pages, totals_by_portal

DAYS = 30


def portals_visits(request):
    portals = list(visible_portals(request.user))
    totals = totals_by_portal([portal.pk for portal in portals], DAYS)
    rows = sorted(((portal, totals.get(portal.pk, 0)) for portal in portals), key=lambda row: (-row[1], row[0].agency.path))
    return TemplateResponse(request, "visits/portals.html", {
        "rows": rows, "days": DAYS, "page_title": _("Lượt truy cập"),
    })


def portal_visits(request, portal_id):
    portal = get_object_or_404(visible_portals(request.user), pk=portal_id)
    days = daily_totals(portal, DAYS)
    return TemplateResponse(request, "visits/portal.html", {
        "portal": portal, "days": DAYS, "total": sum(views for _day, views in days), "top": top_pages(portal, DAYS),
        "daily": list(reversed(days)), "page_title": _("Lượt truy cập"),
    })
