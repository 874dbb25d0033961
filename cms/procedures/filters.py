"""The procedure filters of list pages, the public API and search."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cms.core.models import Agency
from cms.documents.models import Sector
from cms.filters import MAX_TEXT, RecordFilterSet
from cms.procedures.models import AdministrativeLevel, Procedure, ServiceLevel


class ProcedureFilterSet(RecordFilterSet):
    q = django_filters.CharFilter(
        label=_("Từ khóa"), method="filter_text", max_length=MAX_TEXT,
        help_text=_("Tên, mã thủ tục hoặc kết quả; có dấu hoặc không dấu."),
    )
    code = django_filters.CharFilter(label=_("Mã thủ tục"), max_length=50)
    sector = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), to_field_name="code", queryset=Sector.objects.all(), empty_label=_("Tất cả"),
    )
    level = django_filters.ChoiceFilter(label=_("Cấp thực hiện"), choices=AdministrativeLevel.choices, empty_label=_("Tất cả"))
    service_level = django_filters.ChoiceFilter(
        label=_("Mức độ dịch vụ công"), choices=ServiceLevel.choices, empty_label=_("Tất cả"),
    )
    implementing_agency = django_filters.ModelChoiceFilter(
        label=_("Cơ quan thực hiện"), field_name="implementing_agencies", to_field_name="code",
        queryset=Agency.objects.all(), help_text=_("Mã cơ quan, ví dụ: STP."),
    )

    page_fields = ("q", "sector", "level", "service_level")

    class Meta(RecordFilterSet.Meta):
        model = Procedure

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)
