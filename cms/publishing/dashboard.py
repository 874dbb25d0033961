"""The admin dashboard's overview: for each portal an editor or approver works on, its compliance
score and last change, its views, the citizens' questions waiting for a response and the notices it
shows; for province administrators, the province: every portal's average score, the lowest, and
the questions waiting everywhere. (Due and overdue items: DeadlinesPanel; drafts awaiting a
review: Wagtail's own workflow panel.)"""

from dataclasses import dataclass

from django.db.models import Avg, OuterRef, Subquery
from wagtail.admin.ui.components import Component

from cms.core.models import Portal, PortalStatus
from cms.core.permissions import is_province_admin, scoped_queryset
from cms.engagement.models import RESPONDED_STATUSES, Question
from cms.notices.models import Notice
from cms.publishing.models import ComplianceSnapshot, active_ruleset
from cms.visits.models import totals_by_portal

RECENT_QUESTIONS = 5
LOWEST_PORTALS = 5


@dataclass
class PortalOverview:
    portal: Portal
    latest: object  # the last compliance snapshot, or None
    change: float  # since the snapshot before it (None without one)
    visits: int
    waiting: int
    recent: list
    notices: list


def portal_overview(user, portal, ruleset_code, visits):
    latest, previous = (list(portal.compliance_snapshots.filter(ruleset=ruleset_code)[:2]) + [None, None])[:2]
    questions = scoped_queryset(user, Question).filter(portal=portal)
    return PortalOverview(
        portal=portal, latest=latest, change=round(latest.score - previous.score, 1) if latest and previous else None,
        visits=visits.get(portal.pk, 0), waiting=questions.exclude(status__in=RESPONDED_STATUSES).count(),
        recent=list(questions.order_by("-created_at")[:RECENT_QUESTIONS]), notices=Notice.objects.shown_to(portal.agency),
    )


def province_overview(user, ruleset_code):
    """The province at a glance, in a few queries whatever the number of portals."""
    active = Portal.objects.filter(status=PortalStatus.ACTIVE).exclude(agency=None)
    latest = ComplianceSnapshot.objects.filter(portal=OuterRef("pk"), ruleset=ruleset_code).order_by("-taken_at", "-pk")
    scored = active.annotate(score=Subquery(latest.values("score")[:1])).exclude(score=None)
    average = scored.aggregate(average=Avg("score"))["average"]
    return {
        "portals": active.count(), "scored": scored.count(),
        "average": round(average, 1) if average is not None else None,
        "lowest": list(scored.select_related("agency").order_by("score", "agency__name")[:LOWEST_PORTALS]),
        "waiting": scoped_queryset(user, Question).exclude(status__in=RESPONDED_STATUSES).count(),
        "visits": sum(totals_by_portal(active.values("pk")).values()),
    }


class OverviewPanel(Component):
    name = "portal_overview"
    order = 100
    template_name = "publishing/overview_panel.html"

    def __init__(self, user, portals):
        self.user, self.portals = user, portals

    def get_context_data(self, parent_context=None):
        visits = totals_by_portal([portal.pk for portal in self.portals])
        code = active_ruleset().code
        return {
            "province": province_overview(self.user, code) if is_province_admin(self.user) else None,
            "overviews": [portal_overview(self.user, portal, code, visits) for portal in self.portals],
        }
