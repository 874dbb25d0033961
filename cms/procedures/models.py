"""Administrative procedures (thủ tục hành chính): Circular 32/2017 Art. 5.1, Decree 43/2011 Art. 18."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.documents.models import RICH_TEXT_FEATURES, Sector
from cms.core.permissions import AgencyScopedForm
from cms.core.registry import RecordType, SearchSpec, register_record_type
from cms.core.text import plain_text
from cms.procedures.panels import NationalSourcePanel
from cms.records import PortalScopedQuerySet, PublishableRecord


class AdministrativeLevel(models.TextChoices):
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")


class ServiceLevel(models.TextChoices):
    """Online public service levels: 1-4 under Decree 43/2011 Art. 3.4, two levels under 42/2022."""

    LEVEL_1 = "muc-1", _("Mức độ 1")
    LEVEL_2 = "muc-2", _("Mức độ 2")
    LEVEL_3 = "muc-3", _("Mức độ 3")
    LEVEL_4 = "muc-4", _("Mức độ 4")
    FULL = "toan-trinh", _("Dịch vụ công trực tuyến toàn trình")
    PARTIAL = "mot-phan", _("Dịch vụ công trực tuyến một phần")


# Levels at which an application is filed online (43/2011 Art. 3.4 levels 3 and 4; 42/2022 both levels):
# the service page then shows its user guide and the figures of applications received and resolved.
ONLINE_FILING_LEVELS = (ServiceLevel.LEVEL_3, ServiceLevel.LEVEL_4, ServiceLevel.FULL, ServiceLevel.PARTIAL)


class Procedure(PublishableRecord):
    code = models.CharField(_("mã thủ tục"), max_length=50, help_text=_("Mã trên Cổng Dịch vụ công quốc gia."))
    name = models.CharField(_("tên thủ tục"), max_length=1000)  # the catalogue's longest are near 600
    sector = models.ForeignKey(Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures")
    level = models.CharField(_("cấp thực hiện"), max_length=10, choices=AdministrativeLevel.choices)
    implementing_agencies = ParentalManyToManyField(
        "portals.Agency", verbose_name=_("cơ quan thực hiện"), blank=True, related_name="implemented_procedures",
        help_text=_("Thủ tục cũng được hiển thị trên cổng của các cơ quan này."),
    )
    steps = RichTextField(_("trình tự thực hiện"), blank=True, features=RICH_TEXT_FEATURES)
    method = models.TextField(_("cách thức thực hiện"), blank=True)
    processing_time = models.TextField(_("thời hạn giải quyết"), blank=True)
    processing_days = models.PositiveIntegerField(
        _("số ngày làm việc"), null=True, blank=True, help_text=_("Thời hạn giải quyết tính bằng ngày làm việc.")
    )
    applicants = models.CharField(_("đối tượng thực hiện"), max_length=1000, blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    fees = models.TextField(_("phí, lệ phí"), blank=True)
    requirements = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    submission_and_return = models.TextField(_("cách thức nộp hồ sơ và nhận kết quả"), blank=True)
    service_level = models.CharField(_("mức độ dịch vụ công"), max_length=20, choices=ServiceLevel.choices, blank=True)
    online_url = models.URLField(_("địa chỉ nộp hồ sơ trực tuyến"), blank=True)
    online_guide = models.TextField(
        _("hướng dẫn sử dụng dịch vụ trực tuyến"), blank=True,
        help_text=_("Bắt buộc với dịch vụ công nộp hồ sơ trực tuyến (Điều 18 Nghị định 43/2011/NĐ-CP)."),
    )
    announcing_decision = models.ForeignKey(
        "legal_documents.LegalDocument", verbose_name=_("quyết định công bố"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="announced_procedures",
        help_text=_("Quyết định công bố thủ tục hành chính (Thông tư 32/2017, Điều 5.1)."),
    )
    legal_basis = ParentalManyToManyField(
        "legal_documents.LegalDocument", verbose_name=_("căn cứ pháp lý"), blank=True, related_name="procedures"
    )

    objects = PortalScopedQuerySet.as_manager()
    base_form_class = AgencyScopedForm

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("code", boost=5),
        index.SearchField("result"),
        index.AutocompleteField("name"),
        index.FilterField("owner_agency"),
        index.FilterField("level"),
        index.FilterField("live"),
    ]
    panels = [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("name"), FieldPanel("sector"), FieldPanel("level")],
            heading=_("Thông tin chung"),
        ),
        MultiFieldPanel(
            [FieldPanel("service_level"), FieldPanel("online_url"), FieldPanel("online_guide")],
            heading=_("Dịch vụ công trực tuyến"),
        ),
        FieldPanel("owner_agency"),
        FieldPanel("implementing_agencies"),
        FieldPanel("steps"),
        FieldPanel("method"),
        InlinePanel("required_files", heading=_("Thành phần hồ sơ"), label=_("giấy tờ")),
        MultiFieldPanel(
            [FieldPanel("processing_time"), FieldPanel("processing_days"), FieldPanel("applicants"), FieldPanel("result"), FieldPanel("fees")],
            heading=_("Thời hạn, đối tượng, kết quả, phí"),
        ),
        FieldPanel("requirements"),
        FieldPanel("submission_and_return"),
        FieldPanel("legal_basis"),
        FieldPanel("announcing_decision"),
        InlinePanel("usage", heading=_("Tình hình tiếp nhận, giải quyết hồ sơ"), label=_("kỳ số liệu")),
        NationalSourcePanel(heading=_("Nguồn dữ liệu")),
    ]

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_agency", "code"],
                name="unique_procedure_code_per_agency",
                violation_error_message=_("Cơ quan này đã có một thủ tục mang mã này."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def title(self):
        return self.name

    def searchable_text(self):
        return " ".join([self.code, self.name, self.result, self.applicants, plain_text(self.steps), self.method,
                         self.processing_time, self.fees, self.requirements, self.submission_and_return])

    def searchable_title(self):
        return self.name

    def get_admin_url(self):
        return reverse("wagtailsnippets_procedures_procedure:edit", args=[self.pk])

    @property
    def files_online(self):
        return self.service_level in ONLINE_FILING_LEVELS


class ProcedureFile(Orderable):
    """One component of the application file (thành phần hồ sơ), with its form if there is one."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="required_files")
    name = models.TextField(_("tên giấy tờ"))  # the catalogue describes some papers at length
    copies = models.CharField(_("số lượng"), max_length=100, blank=True, help_text=_("Ví dụ: 01 bản chính."))
    form = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("mẫu đơn, tờ khai"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("copies"), FieldPanel("form")]

    class Meta(Orderable.Meta):
        verbose_name = _("thành phần hồ sơ")


class ProcedureUsage(models.Model):
    """Applications received and resolved in one period: the usage figures and processing status
    that a service filed online shows (Decree 43/2011 Art. 18)."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="usage")
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    received = models.PositiveIntegerField(_("hồ sơ tiếp nhận"))
    received_online = models.PositiveIntegerField(_("trong đó nộp trực tuyến"))
    resolved = models.PositiveIntegerField(_("hồ sơ đã giải quyết"))
    resolved_on_time = models.PositiveIntegerField(_("trong đó đúng hạn"))
    in_progress = models.PositiveIntegerField(_("hồ sơ đang giải quyết"))

    panels = [FieldPanel("period_start"), FieldPanel("period_end"), FieldPanel("received"), FieldPanel("received_online"),
              FieldPanel("resolved"), FieldPanel("resolved_on_time"), FieldPanel("in_progress")]

    class Meta:
        verbose_name = _("kỳ số liệu tiếp nhận, giải quyết hồ sơ")
        ordering = ["-period_end"]

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Ngày kết thúc kỳ phải sau ngày bắt đầu.")
        if self.received_online is not None and self.received is not None and self.received_online > self.received:
            errors["received_online"] = _("Không thể lớn hơn số hồ sơ tiếp nhận.")
        if self.resolved_on_time is not None and self.resolved is not None and self.resolved_on_time > self.resolved:
            errors["resolved_on_time"] = _("Không thể lớn hơn số hồ sơ đã giải quyết.")
        if errors:
            raise ValidationError(errors)


class NationalSource(models.Model):
    """What the national procedure catalogue last said of a procedure (cms.imports.procedures): its
    version and the value of each field it carries, so that each field tells whether it is the
    catalogue's or a local edit, and the implementing agencies as the catalogue names them."""

    procedure = models.OneToOneField(Procedure, on_delete=models.CASCADE, related_name="national_source")
    version = models.CharField(_("phiên bản trên CSDL quốc gia"), max_length=100, blank=True)
    values = models.JSONField(default=dict)
    agency_names = models.JSONField(default=list)
    imported_at = models.DateTimeField(_("lần nhập gần nhất"), auto_now=True)

    class Meta:
        verbose_name = _("nguồn CSDL quốc gia về thủ tục hành chính")
        verbose_name_plural = _("nguồn CSDL quốc gia về thủ tục hành chính")

    def origins(self, procedure):
        """{field: True when the procedure's value is the catalogue's, False when edited here}."""
        current = field_values(procedure)
        return {name: current[name] == self.values[name] for name in CATALOGUE_FIELDS if name in self.values}

    @staticmethod
    def label(name):
        return catalogue_field_label(name)


# The fields the national catalogue carries, as comparable plain values (ids for relations).
CATALOGUE_FIELDS = ["name", "sector", "level", "implementing_agencies", "steps", "method", "processing_time",
                    "processing_days", "applicants", "result", "fees", "requirements", "submission_and_return",
                    "required_files", "legal_basis", "announcing_decision"]


def catalogue_field_label(name):
    if name == "required_files":
        return _("thành phần hồ sơ")
    return Procedure._meta.get_field(name).verbose_name


def field_values(procedure):
    """The catalogue's fields of a procedure (saved or not) as JSON-comparable values."""
    values = {name: getattr(procedure, name) for name in CATALOGUE_FIELDS}
    values.update(
        sector=procedure.sector_id, announcing_decision=procedure.announcing_decision_id,
        implementing_agencies=sorted(agency.pk for agency in procedure.implementing_agencies.all()),
        legal_basis=sorted(document.pk for document in procedure.legal_basis.all()),
        required_files=[[item.name, item.copies] for item in procedure.required_files.all()],
    )
    return values


def month_before(day):
    """(first day, last day) of the calendar month before the one `day` falls in."""
    last = day.replace(day=1) - datetime.timedelta(days=1)
    return last.replace(day=1), last


def search_entry(procedure):
    body = [procedure.code, procedure.result, procedure.applicants, plain_text(procedure.steps), procedure.requirements,
            procedure.method, procedure.processing_time, procedure.fees, procedure.submission_and_return]
    return {
        "title": procedure.name, "body": " ".join(body), "sectors": [procedure.sector.code], "level": procedure.level,
        "service_level": procedure.service_level or None, "in_force": True, "date": procedure.updated_at.date(),
    }


PROCEDURES = register_record_type(RecordType(
    key="procedure", model=Procedure, owner_field="owner_agency", concerned_field="implementing_agencies",
    listing_page="pages.ProcedureIndexPage", filterset="cms.procedures.filters.ProcedureFilterSet",
    search=SearchSpec(entry=search_entry, date_field="updated_at", prefetch=("sector", "implementing_agencies"),
                      grouped_by_title=True),
))
