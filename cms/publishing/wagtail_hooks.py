"""Admin integration: friendly refusals before publishing, log actions, the dashboard's overview and
deadlines, compliance report and ranking views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms.core.models import Portal
from cms.core.permissions import is_province_admin
from cms.publishing import views
from cms.publishing.dashboard import OverviewPanel
from cms.publishing.deadlines import dashboard_items
from cms.publishing.guard import log_refusal, violations_for
from cms.publishing.messages import edit_url_for, refusal_message
from cms.publishing.models import active_ruleset


def _refuse(request, obj, found):
    log_refusal(obj, found, user=request.user)
    messages.error(request, refusal_message(request.user, obj, found))


def _refuse_if_broken(request, obj):
    found = violations_for(obj)
    if not found:
        return None
    _refuse(request, obj, found)
    return redirect(edit_url_for(request.user, obj) or "wagtailadmin_home")


@hooks.register("before_publish_page")
def refuse_page_breaking_rules(request, page):
    return _refuse_if_broken(request, page.specific)


@hooks.register("before_publish")
def refuse_snippet_breaking_rules(request, obj):
    return _refuse_if_broken(request, obj)


@hooks.register("before_bulk_action")
def refuse_bulk_publish_breaking_rules(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    refused = []
    for obj in objects:
        candidate = obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj
        found = violations_for(candidate)
        if found:
            refused.append((obj, found))
    if not refused:
        return None
    for obj, found in refused:
        _refuse(request, obj, found)
    return redirect(request.GET.get("next") or "wagtailadmin_home")


@hooks.register("register_log_actions")
def register_publishing_log_actions(actions):
    actions.register_action("cong.publish.forced", _("Xuất bản bắt buộc"), _("Xuất bản bắt buộc (có lý do)"))
    actions.register_action("cong.publish.refused", _("Từ chối xuất bản"), _("Từ chối xuất bản: chưa đạt quy tắc đăng tin"))
    actions.register_action("cong.workflow.skip", _("Bỏ qua bước duyệt"), _("Bỏ qua bước duyệt không áp dụng"))


@hooks.register("register_admin_urls")
def register_publishing_urls():
    return [
        path("xuat-ban-bat-buoc/<int:content_type_id>/<str:pk>/", views.force_publish, name="publishing_force"),
        path("tuan-thu/", views.RankingView.as_view(), name="publishing_ranking"),
        path("tuan-thu/ket-qua/", views.RankingView.as_view(results_only=True), name="publishing_ranking_results"),
        path("tuan-thu/danh-gia/", views.run_compliance, name="publishing_run_all"),
        path("tuan-thu/<int:portal_id>/", views.compliance_report, name="publishing_compliance"),
        path("tuan-thu/<int:portal_id>/danh-gia/", views.run_compliance, name="publishing_run"),
    ]


@hooks.register("register_admin_menu_item")
def register_compliance_menu_item():
    return MenuItem(_("Đánh giá tuân thủ"), reverse("publishing_ranking"), icon_name="tasks", order=195)


class DeadlinesPanel(Component):
    """What is due or overdue on the editor's own portals (Decree 43/2011 Art. 17)."""

    name = "publishing_deadlines"
    order = 110
    template_name = "publishing/deadlines_panel.html"

    def __init__(self, portals):
        self.portals = portals

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        ruleset = active_ruleset()
        sections = [(portal, dashboard_items(ruleset, portal, today)) for portal in self.portals]
        return {"sections": sections, "today": today}


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    portals = list(Portal.objects.member_portals(request.user).exclude(agency=None).select_related("agency", "site"))
    if portals or is_province_admin(request.user):
        panels.append(OverviewPanel(request.user, portals))
    if portals:
        panels.append(DeadlinesPanel(portals))
