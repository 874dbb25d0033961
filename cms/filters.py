"""What the record types' filter sets share (django-filter). One FilterSet per record type serves
its portal list page, the public API and the search, so a parameter has one name, one validation
and one set of bounds everywhere; invalid values are form errors (400 in the API), never 500s."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.forms import YearField
from cms.core.models import Portal
from cms.core.registry import record_type_for

MAX_TEXT = 200


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class RangeCheckedForm(forms.Form):
    """Refuses a date range whose end comes before its start (pairs named by the filter set)."""

    date_ranges = ()

    def clean(self):
        data = super().clean()
        for start, end in self.date_ranges:
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(end, _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class RecordFilterSet(django_filters.FilterSet):
    """Base of a record type's filter set: the portal a record is shown on, distinct results."""

    portal = django_filters.ModelChoiceFilter(
        label=_("Cổng thông tin"), queryset=Portal.objects.exclude(agency=None).select_related("agency"),
        method="filter_portal", help_text=_("Chỉ những bản ghi hiển thị trên cổng này (mã cổng)."),
    )
    date_ranges = ()
    # The filters a portal's list page offers in its form (the others work in its URL too).
    page_fields = ()

    def get_form_class(self):
        return type(f"{type(self).__name__}Form", (super().get_form_class(),), {"date_ranges": self.date_ranges})

    def filter_portal(self, queryset, name, portal):
        return queryset.filter(record_type_for(queryset.model).shown_on(portal.agency))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()

    class Meta:
        form = RangeCheckedForm
        fields = []
