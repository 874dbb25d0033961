"""Admin views: forced publication with a reason, the compliance report, the province ranking."""

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.core.models import Portal
from cms.core.permissions import is_province_admin, managed_agency_ids
from cms.publishing import compliance
from cms.publishing.charts import bar_chart, sparkline
from cms.publishing.guard import force_publication, violations_for
from cms.publishing.messages import edit_url_for
from cms.publishing.models import active_ruleset
from cms.publishing.rules import regime_warning
from cms.visits.models import totals_by_portal


class ForceForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do xuất bản bắt buộc"), min_length=15, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Lý do được ghi vào nhật ký kiểm tra cùng các quy tắc bị bỏ qua."),
    )


def _publishable(content_type_id, pk):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not hasattr(model, "get_latest_revision"):
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    return obj.specific if hasattr(obj, "specific_class") else obj


def force_publish(request, content_type_id, pk):
    if not is_province_admin(request.user):
        raise PermissionDenied
    obj = _publishable(content_type_id, pk)
    revision = obj.get_latest_revision()
    if revision is None:
        raise Http404
    candidate = revision.as_object()
    form = ForceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with force_publication(candidate, request.user, form.cleaned_data["reason"]):
            revision.publish(user=request.user)
        messages.success(request, _("Đã xuất bản bắt buộc “%(title)s”; lý do đã được ghi nhật ký.") % {"title": obj})
        return redirect(edit_url_for(request.user, obj) or "wagtailadmin_home")
    return TemplateResponse(request, "publishing/force_publish.html", {
        "object": obj, "violations": violations_for(candidate), "form": form, "page_title": _("Xuất bản bắt buộc"),
    })


def visible_portals(user):
    portals = Portal.objects.exclude(agency=None).select_related("agency", "site").order_by("agency__path")
    scope = managed_agency_ids(user)
    return portals if scope is None else portals.filter(agency__in=scope)


def compliance_report(request, portal_id):
    portal = get_object_or_404(visible_portals(request.user), pk=portal_id)
    ruleset = active_ruleset()
    snapshots = list(portal.compliance_snapshots.filter(ruleset=ruleset.code)[:30])
    latest = snapshots[0] if snapshots else None
    return TemplateResponse(request, "publishing/compliance_report.html", {
        "portal": portal, "ruleset": ruleset, "regime_warning": regime_warning(ruleset, timezone.localdate()), "snapshot": latest, "page_title": _("Đánh giá tuân thủ"),
        "trend": sparkline([s.score for s in reversed(snapshots)]), "snapshots": snapshots,
    })


@require_POST
def run_compliance(request, portal_id=None):
    if portal_id is None:
        if not is_province_admin(request.user):
            raise PermissionDenied
        compliance.snapshot_all()
        messages.success(request, _("Đã đánh giá lại tất cả các cổng."))
        return redirect("publishing_ranking")
    portal = get_object_or_404(visible_portals(request.user), pk=portal_id)
    compliance.take_snapshot(portal)
    return redirect("publishing_compliance", portal.pk)


def formula_safe(text):
    """Text starting with = + - @ is prefixed so spreadsheets never run it as a formula."""
    return f"'{text}" if text[:1] in "=+-@" else text


class RankingView(ReportView):
    """The province ranking as a Wagtail report (CSV and XLSX export). Province administrators see
    every portal, the chart and the exports; an editor sees the portals they work on."""

    page_title = gettext_lazy("Đánh giá tuân thủ các cổng")
    header_icon = "tasks"
    template_name = "publishing/ranking.html"
    index_url_name = "publishing_ranking"
    index_results_url_name = "publishing_ranking_results"
    paginate_by = None
    list_export = ["rank", "portal.agency.name", "portal.site.hostname", "score", "failing_count", "taken_at", "ruleset",
                   "visits"]
    export_headings = dict(zip(list_export, [
        gettext_lazy("Hạng"), gettext_lazy("Cổng"), gettext_lazy("Tên miền"), gettext_lazy("Điểm"),
        gettext_lazy("Số quy tắc chưa đạt"), gettext_lazy("Thời điểm đánh giá"), gettext_lazy("Bộ quy tắc"),
        gettext_lazy("Lượt truy cập 30 ngày"),
    ]))
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: formula_safe, ReportView.FORMAT_XLSX: formula_safe},
    }
    columns = [
        Column("rank", label=gettext_lazy("Hạng")),
        TitleColumn("portal", label=gettext_lazy("Cổng"), accessor=lambda row: row.portal.agency.name,
                    get_url=lambda row: reverse("publishing_compliance", args=[row.portal_id])),
        Column("score", label=gettext_lazy("Điểm")),
        Column("failing_count", label=gettext_lazy("Quy tắc chưa đạt")),
        DateColumn("taken_at", label=gettext_lazy("Thời điểm đánh giá")),
        Column("visits", label=gettext_lazy("Lượt truy cập 30 ngày")),
    ]

    def get_filename(self):
        return "xep-hang-tuan-thu"

    @cached_property
    def portals(self):
        return list(visible_portals(self.request.user))

    def get_queryset(self):
        visible = {portal.pk for portal in self.portals}
        rows = [row for row in compliance.ranking() if row.portal_id in visible]
        visits = totals_by_portal(visible)
        for rank, row in enumerate(rows, start=1):
            row.rank, row.visits = rank, visits.get(row.portal_id, 0)
        return rows

    @cached_property
    def show_export_buttons(self):
        return is_province_admin(self.request.user)

    def render_to_response(self, context, **response_kwargs):
        if self.is_export and not is_province_admin(self.request.user):
            raise PermissionDenied
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, ruleset = self.object_list, active_ruleset()
        ranked = {row.portal_id for row in rows}
        context.update(
            unranked=[portal for portal in self.portals if portal.pk not in ranked], ruleset=ruleset,
            regime_warning=regime_warning(ruleset, timezone.localdate()),
            chart=bar_chart([(row.portal.agency.display_name, row.score) for row in rows]),
            is_administrator=is_province_admin(self.request.user),
        )
        return context
