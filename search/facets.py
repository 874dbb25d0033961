"""Facet names, labels and the labelling of raw counts, shared by both engines. The labels of
record facets come from the record types' filter sets (the parameters' own choices)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.registry import searchable_record_types
from search.models import entry_kinds
from search.results import Facet, FacetValue

# index field -> (form parameter, label)
FACETS = {
    "kind": ("kind", _("Loại nội dung")),
    "document_type": ("document_type", _("Loại văn bản")),
    "sectors": ("sector", _("Lĩnh vực")),
    "issuing_body": ("issuing_body", _("Cơ quan ban hành")),
    "year": ("year", _("Năm")),
    "effect_status": ("effect_status", _("Tình trạng hiệu lực")),
    "level": ("level", _("Cấp thực hiện")),
    "service_level": ("service_level", _("Mức độ dịch vụ công")),
}
FACET_SIZE = 20


def _labels(parameter, values):
    """{value: label} for facet values, from the filter of that parameter."""
    if parameter == "kind":
        return dict(entry_kinds())
    for rtype in searchable_record_types():
        flt = rtype.filterset_class.base_filters.get(parameter)
        if flt is None:
            continue
        field = flt.field
        if isinstance(field, forms.ModelChoiceField):
            key = field.to_field_name or "pk"
            known = [value for value in values if key != "pk" or str(value).isdigit()]
            return {str(getattr(obj, key)): str(obj) for obj in field.queryset.filter(**{f"{key}__in": known})}
        if isinstance(field, forms.ChoiceField):
            return {str(value): label for value, label in field.choices}
    return {}


def value_label(field, value):
    """The label of one value of a facet field ("commune" -> "Cấp xã"); "" for no value."""
    return str(_labels(FACETS[field][0], [value]).get(str(value), value)) if value else ""


def label_facets(counts):
    """{index field: [(value, count), ...]} -> [Facet] in FACETS order, empty facets left out."""
    facets = []
    for field, (parameter, label) in FACETS.items():
        pairs = [(str(value), count) for value, count in counts.get(field, []) if value not in (None, "") and count]
        if not pairs:
            continue
        labels = _labels(parameter, [value for value, _count in pairs])
        values = [FacetValue(value, str(labels.get(value, value)), count) for value, count in pairs[:FACET_SIZE]]
        facets.append(Facet(parameter, str(label), values))
    return facets
