"""The admin's import screens, for province administrators: upload a file, read the dry run's
report (what would be new, changed field by field, refused and why) while the worker goes through
it, then import it for real."""

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cms.core.models import Portal
from cms.imports.jobs import run_import
from cms.imports.models import ImportKind, ImportRun, RunStatus

EXTENSIONS = {ImportKind.PROCEDURES: (".json", ".xlsx", ".csv"), ImportKind.DOCUMENTS: (".json", ".xlsx", ".csv"),
              ImportKind.NEWS: (".xml", ".rss", ".atom")}
ACTIONS = {"new": _("Mới (nháp)"), "published": _("Mới, xuất bản"), "changed": _("Thay đổi"),
           "unchanged": _("Không đổi"), "error": _("Lỗi")}
RECENT_RUNS = 20


class ImportForm(forms.ModelForm):
    class Meta:
        model = ImportRun
        fields = ["kind", "file", "agency", "publish", "author"]
        help_texts = {"agency": _("Bỏ trống: theo cột “Cơ quan quản lý” của tệp, hoặc cơ quan thực hiện đã ánh xạ. "
                                  "Tin bài vào cổng của cơ quan này.")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("Tệp quá lớn."))
        return upload

    def clean(self):
        data = super().clean()
        kind, upload, agency = data.get("kind"), data.get("file"), data.get("agency")
        if kind and upload and not upload.name.lower().endswith(EXTENSIONS[kind]):
            self.add_error("file", _("Loại dữ liệu này nhận tệp: %(extensions)s.") % {"extensions": ", ".join(EXTENSIONS[kind])})
        if kind == ImportKind.NEWS and not Portal.objects.filter(agency=agency).exists():
            self.add_error("agency", _("Chọn cơ quan có cổng nhận tin bài."))
        return data


def index(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = form.save(commit=False)
        run.started_by, run.dry_run = request.user, True
        run.save()
        run_import.enqueue(run.pk)
        return redirect("imports:run", run.pk)
    return TemplateResponse(request, "imports/index.html", {
        "form": form, "runs": ImportRun.objects.select_related("agency")[:RECENT_RUNS], "page_title": _("Nhập dữ liệu"),
    })


def run(request, pk):
    import_run = get_object_or_404(ImportRun, pk=pk)
    outcomes = import_run.report.get("outcomes", [])
    return TemplateResponse(request, "imports/run.html", {
        "run": import_run, "page_title": str(import_run), "working": import_run.status in (RunStatus.WAITING, RunStatus.RUNNING),
        "counts": [(label, sum(o["action"] == action for o in outcomes)) for action, label in ACTIONS.items()],
        "rows": [{**o, "label": ACTIONS.get(o["action"], o["action"])} for o in outcomes if o["action"] != "unchanged"],
        "can_apply": import_run.dry_run and import_run.status == RunStatus.DONE
                     and not ImportRun.objects.filter(previewed=import_run).exists(),
    })


@require_POST
def apply(request, pk):
    """The real run of a previewed file."""
    preview = get_object_or_404(ImportRun, pk=pk, dry_run=True, status=RunStatus.DONE)
    real = ImportRun.objects.filter(previewed=preview).first()
    if real is None:
        real = ImportRun.objects.create(kind=preview.kind, file=preview.file.name, agency=preview.agency,
                                        publish=preview.publish, author=preview.author, dry_run=False, previewed=preview,
                                        started_by=request.user)
        run_import.enqueue(real.pk)
    return redirect("imports:run", real.pk)
