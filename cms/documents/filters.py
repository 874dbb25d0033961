"""The legal-document filters of list pages, the public API and search."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.text import normalise_document_number
from cms.documents.models import DocumentType, EffectStatus, LegalDocument, Sector
from cms.filters import MAX_TEXT, RecordFilterSet, YearFilter


class DocumentNumberField(forms.CharField):
    """A document number in any spelling, cleaned to its normalised key (43/2011/ND-CP)."""

    default_error_messages = {"invalid": _("Số, ký hiệu không đúng định dạng.")}

    def clean(self, value):
        value = super().clean(value)
        key = normalise_document_number(value) if value else value
        if key is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return key


class DocumentNumberFilter(django_filters.CharFilter):
    field_class = DocumentNumberField


class DocumentFilterSet(RecordFilterSet):
    q = django_filters.CharFilter(
        label=_("Từ khóa"), method="filter_text", max_length=MAX_TEXT,
        help_text=_("Số, ký hiệu hoặc từ trong trích yếu; có dấu hoặc không dấu."),
    )
    number = DocumentNumberFilter(
        label=_("Số, ký hiệu"), field_name="number_key", max_length=100,
        help_text=_("Viết theo cách nào cũng được, ví dụ: 43/2011/NĐ-CP, 43/2011/ND-CP."),
    )
    document_type = django_filters.ModelChoiceFilter(
        label=_("Loại văn bản"), queryset=DocumentType.objects.all(), empty_label=_("Tất cả"),
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Lĩnh vực"), field_name="sectors", to_field_name="code", queryset=Sector.objects.all(),
        empty_label=_("Tất cả"),
    )
    year = YearFilter(label=_("Năm ban hành"), field_name="issue_date", lookup_expr="year")
    issuing_body = django_filters.CharFilter(label=_("Cơ quan ban hành"), lookup_expr="icontains", max_length=MAX_TEXT)
    effect_status = django_filters.ChoiceFilter(
        label=_("Tình trạng hiệu lực"), choices=EffectStatus.choices, empty_label=_("Tất cả"),
    )
    issued_after = django_filters.DateFilter(label=_("Ban hành từ ngày"), field_name="issue_date", lookup_expr="gte")
    issued_before = django_filters.DateFilter(label=_("Ban hành đến ngày"), field_name="issue_date", lookup_expr="lte")
    effective_after = django_filters.DateFilter(label=_("Hiệu lực từ ngày"), field_name="effective_date", lookup_expr="gte")
    effective_before = django_filters.DateFilter(label=_("Hiệu lực đến ngày"), field_name="effective_date", lookup_expr="lte")

    date_ranges = (("issued_after", "issued_before"), ("effective_after", "effective_before"))
    page_fields = ("q", "document_type", "sector", "year", "issuing_body", "effect_status")

    class Meta(RecordFilterSet.Meta):
        model = LegalDocument

    def filter_text(self, queryset, name, value):
        key = normalise_document_number(value)
        return queryset.filter(number_key=key) if key else queryset.matching(value)
