"""Validation of search parameters, shared by the search page and the API's search endpoint.

The record filters (document type, sector, year, ...) are the fields of the record types' own
filter sets: the same names, validation and bounds as on the portals' list pages and in the API.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.forms import WholeNumberField
from cms.core.models import Portal
from cms.documents.models import LEGAL_DOCUMENTS
from cms.procedures.models import PROCEDURES
from search.facets import FACETS
from search.models import entry_kinds

MAX_QUERY_LENGTH = 300
MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 20
MAX_WINDOW = 10_000  # the index's max_result_window
ALL_PORTALS = "all"
ISO_DATE = ["%Y-%m-%d"]
DOCUMENT_FILTERS = LEGAL_DOCUMENTS.filterset_class.base_filters
PROCEDURE_FILTERS = PROCEDURES.filterset_class.base_filters


def _choices(choices):
    return [("", _("Tất cả"))] + list(choices)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=MAX_QUERY_LENGTH)
    scope = forms.CharField(label=_("Phạm vi"), required=False, max_length=20)
    kind = forms.ChoiceField(label=_("Loại nội dung"), required=False, choices=lambda: _choices(entry_kinds()))
    document_type = DOCUMENT_FILTERS["document_type"].field
    issuing_body = DOCUMENT_FILTERS["issuing_body"].field
    sector = DOCUMENT_FILTERS["sector"].field
    year = DOCUMENT_FILTERS["year"].field
    effect_status = DOCUMENT_FILTERS["effect_status"].field
    service_level = PROCEDURE_FILTERS["service_level"].field
    level = PROCEDURE_FILTERS["level"].field
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

    def record_filters(self):
        """The record filters that are set, by parameter name (the record types' filter sets)."""
        values = {
            "document_type": self.document_type, "issuing_body": self.issuing_body, "sector": self.sector,
            "year": self.year, "effect_status": self.effect_status, "service_level": self.service_level,
            "level": self.level,
        }
        return {name: value for name, value in values.items() if value}

    def filters(self):
        """Facet filters that are set: {index field: value}."""
        index_fields = {parameter: field for field, (parameter, _label) in FACETS.items()}
        values = {index_fields[name]: value for name, value in self.record_filters().items()}
        if "document_type" in values:
            values["document_type"] = str(values["document_type"])
        return {"kind": self.kind, **values} if self.kind else values
