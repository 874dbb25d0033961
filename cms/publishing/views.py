"""Admin views: forced publication with a reason, the compliance report, the province ranking."""

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.publishing import compliance
from cms.publishing.charts import bar_chart, sparkline
from cms.publishing.guard import force_publication, violations_for
from cms.publishing.messages import edit_url_for
from cms.publishing.rules import active_ruleset
from cms.core.models import Portal
from cms.core.permissions import is_province_admin, managed_agency_ids


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
        "portal": portal, "ruleset": ruleset, "snapshot": latest, "page_title": _("Đánh giá tuân thủ"),
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


def _require_administrator(request):
    if not is_province_admin(request.user):
        raise PermissionDenied


def ranking(request):
    """Province administrators: every portal, chart and exports. Editors: their own portals."""
    portals = list(visible_portals(request.user))
    visible = {portal.pk for portal in portals}
    rows = [row for row in compliance.ranking() if row.portal_id in visible]
    ranked = {row.portal_id for row in rows}
    return TemplateResponse(request, "publishing/ranking.html", {
        "rows": rows, "unranked": [portal for portal in portals if portal.pk not in ranked],
        "chart": bar_chart([(row.portal.agency.display_name, row.score) for row in rows]),
        "is_administrator": is_province_admin(request.user), "ruleset": active_ruleset(),
        "page_title": _("Đánh giá tuân thủ các cổng"),
    })


EXPORT_HEADER = [gettext_lazy("Hạng"), gettext_lazy("Cổng"), gettext_lazy("Tên miền"), gettext_lazy("Điểm"),
                 gettext_lazy("Số quy tắc chưa đạt"), gettext_lazy("Thời điểm đánh giá"), gettext_lazy("Bộ quy tắc")]


def _export_rows():
    for rank, snapshot in enumerate(compliance.ranking(), start=1):
        yield [rank, snapshot.portal.agency.name, snapshot.portal.site.hostname, snapshot.score,
               len(snapshot.failing()), snapshot.taken_at.strftime("%Y-%m-%d %H:%M"), snapshot.ruleset]


def export_csv(request):
    _require_administrator(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(label) for label in EXPORT_HEADER])
    writer.writerows(_safe_cells(row) for row in _export_rows())
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="xep-hang-tuan-thu.csv"'
    return response


def _safe_cells(row):
    """Text starting with = + - @ is prefixed so spreadsheets never run it as a formula."""
    return [f"'{cell}" if isinstance(cell, str) and cell[:1] in "=+-@" else cell for cell in row]


def export_xlsx(request):
    from openpyxl import Workbook

    _require_administrator(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Xep hang"
    sheet.append([str(label) for label in EXPORT_HEADER])
    for row in _export_rows():
        sheet.append(_safe_cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="xep-hang-tuan-thu.xlsx"'
    return response
