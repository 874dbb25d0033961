"""What the imports keep: the mapping of the national catalogue's codes to this province's agencies
and sectors, and each import run started from the admin with its progress and report."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.storage import IMPORTS_FOLDER


class MappingKind(models.TextChoices):
    AGENCY = "co-quan", _("Cơ quan thực hiện")
    SECTOR = "linh-vuc", _("Lĩnh vực")


class CodeMapping(models.Model):
    """A code of the national procedure catalogue and what it is here. The import records every code
    it meets; one without a match stays unmapped until someone chooses what it is, and the next
    import run applies the choice."""

    kind = models.CharField(_("loại"), max_length=10, choices=MappingKind.choices)
    source_code = models.CharField(_("mã trên CSDL quốc gia"), max_length=100)
    source_name = models.CharField(_("tên trên CSDL quốc gia"), max_length=500, blank=True)
    agency = models.ForeignKey("portals.Agency", verbose_name=_("cơ quan của tỉnh"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    sector = models.ForeignKey("legal_documents.Sector", verbose_name=_("lĩnh vực"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("ánh xạ mã CSDL quốc gia")
        verbose_name_plural = _("ánh xạ mã CSDL quốc gia")
        ordering = ["kind", "source_name"]
        constraints = [models.UniqueConstraint(fields=["kind", "source_code"], name="unique_code_mapping")]

    def __str__(self):
        return f"{self.source_code} — {self.source_name}"

    @property
    def target(self):
        return self.agency if self.kind == MappingKind.AGENCY else self.sector

    def clean(self):
        if self.kind == MappingKind.AGENCY and self.sector_id:
            raise ValidationError({"sector": _("Mã cơ quan chỉ ánh xạ tới một cơ quan.")})
        if self.kind == MappingKind.SECTOR and self.agency_id:
            raise ValidationError({"agency": _("Mã lĩnh vực chỉ ánh xạ tới một lĩnh vực.")})


class ImportKind(models.TextChoices):
    PROCEDURES = "thu-tuc", _("Thủ tục hành chính (CSDL quốc gia: JSON hoặc bảng tính)")
    DOCUMENTS = "van-ban", _("Văn bản (CSV, XLSX hoặc JSON)")
    NEWS = "tin-bai", _("Tin bài của cổng cũ (RSS, Atom hoặc WordPress WXR), vào cổng của cơ quan quản lý")


class RunStatus(models.TextChoices):
    WAITING = "cho", _("Đang chờ")
    RUNNING = "dang-chay", _("Đang chạy")
    DONE = "xong", _("Đã xong")
    FAILED = "loi", _("Lỗi")


class ImportRun(models.Model):
    """One import of one file, started from the admin: a dry run first (its report is the diff to
    review), then the real run of the same file. The background worker runs both."""

    kind = models.CharField(_("dữ liệu"), max_length=10, choices=ImportKind.choices)
    file = models.FileField(_("tệp"), upload_to=IMPORTS_FOLDER)
    agency = models.ForeignKey("portals.Agency", verbose_name=_("cơ quan quản lý"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    publish = models.BooleanField(_("xuất bản bản ghi mới đủ điều kiện"), default=True)
    author = models.CharField(_("tác giả của tin bài cổng cũ không ghi tác giả"), max_length=255, blank=True)
    dry_run = models.BooleanField(_("chạy thử"), default=True)
    previewed = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.WAITING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.file.name.rsplit('/', 1)[-1]}"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0
