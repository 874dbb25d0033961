"""Validation of search parameters, shared by the search page and the JSON endpoint."""

import re
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.documents.models import DocumentType, EffectStatus, Sector
from cms.procedures.models import AdministrativeLevel, ServiceLevel
from search.models import EntryKind
from cms.core.models import Portal

MAX_QUERY_LENGTH = 300
MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 20
MAX_WINDOW = 10_000  # the index's max_result_window
ALL_PORTALS = "all"
ISO_DATE = ["%Y-%m-%d"]
WHOLE_NUMBER = re.compile(r"\s*[+-]?\d+\s*")  # what a documented integer parameter accepts


class WholeNumberField(forms.IntegerField):
    """Digits only: Django alone reads "2.0" as 2, which the documented integer type does not allow."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not WHOLE_NUMBER.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def _choices(choices):
    return [("", _("Tất cả"))] + list(choices)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=MAX_QUERY_LENGTH)
    scope = forms.CharField(label=_("Phạm vi"), required=False, max_length=20)
    kind = forms.ChoiceField(label=_("Loại nội dung"), required=False, choices=_choices(EntryKind.choices))
    document_type = forms.ModelChoiceField(label=_("Loại văn bản"), required=False, queryset=DocumentType.objects.all())
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=255)
    sector = forms.ModelChoiceField(label=_("Lĩnh vực"), required=False, queryset=Sector.objects.all(), to_field_name="code")
    year = WholeNumberField(label=_("Năm"), required=False, min_value=1900, max_value=2100)
    effect_status = forms.ChoiceField(label=_("Tình trạng hiệu lực"), required=False, choices=_choices(EffectStatus.choices))
    service_level = forms.ChoiceField(label=_("Mức độ dịch vụ công"), required=False, choices=_choices(ServiceLevel.choices))
    level = forms.ChoiceField(label=_("Cấp thực hiện"), required=False, choices=_choices(AdministrativeLevel.choices))
    date_from = forms.DateField(label=_("Từ ngày"), required=False, input_formats=ISO_DATE)
    date_to = forms.DateField(label=_("Đến ngày"), required=False, input_formats=ISO_DATE)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"), required=False,
        choices=[("", _("Mặc định")), ("relevance", _("Phù hợp nhất")), ("date", _("Mới nhất"))],
    )
    page = WholeNumberField(label=_("Trang"), required=False, min_value=1, max_value=MAX_WINDOW)
    per_page = WholeNumberField(label=_("Số kết quả mỗi trang"), required=False, min_value=1, max_value=MAX_PER_PAGE)

    def __init__(self, *args, portal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.portal = portal

    def clean_scope(self):
        scope = self.cleaned_data["scope"].strip()
        if scope == ALL_PORTALS or (not scope and self.portal is None):
            return None
        if not scope:
            return self.portal
        portal = Portal.objects.select_related("agency").filter(pk=int(scope)).first() if scope.isdigit() else None
        if portal is None:
            raise forms.ValidationError(_("Phạm vi tìm kiếm phải là “all” hoặc mã một cổng thông tin."))
        return portal

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("“Đến ngày” không được trước “Từ ngày”."))
        page, per_page = data.get("page") or 1, data.get("per_page") or DEFAULT_PER_PAGE
        if page * per_page > MAX_WINDOW:
            self.add_error("page", _("Chỉ xem được %(n)s kết quả đầu tiên; hãy thu hẹp tìm kiếm.") % {"n": MAX_WINDOW})
        return data

    def params(self):
        data = self.cleaned_data
        return SearchParams(
            q=" ".join(data["q"].split()), portal=data["scope"], here=self.portal, kind=data["kind"],
            document_type=data["document_type"].pk if data["document_type"] else None,
            issuing_body=data["issuing_body"].strip(), sector=data["sector"].code if data["sector"] else "",
            year=data["year"], effect_status=data["effect_status"], service_level=data["service_level"],
            level=data["level"], date_from=data["date_from"], date_to=data["date_to"],
            sort=data["sort"] or ("relevance" if data["q"].strip() else "date"),
            page=data["page"] or 1, per_page=data["per_page"] or DEFAULT_PER_PAGE,
        )


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    portal: Portal | None = None  # scope: None means every portal
    here: Portal | None = None  # the portal serving the request, for links
    kind: str = ""
    document_type: int | None = None
    issuing_body: str = ""
    sector: str = ""
    year: int | None = None
    effect_status: str = ""
    service_level: str = ""
    level: str = ""
    date_from: object = None
    date_to: object = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def filters(self):
        """Facet filters that are set: {index field: value}."""
        values = {
            "kind": self.kind, "document_type": str(self.document_type or ""), "issuing_body": self.issuing_body,
            "sectors": self.sector, "year": self.year, "effect_status": self.effect_status,
            "service_level": self.service_level, "level": self.level,
        }
        return {field: value for field, value in values.items() if value}
