"""Facet names, labels and the labelling of raw counts, shared by both engines."""

from django.utils.translation import gettext_lazy as _

from cms.documents.models import DocumentType, EffectStatus, Sector
from cms.procedures.models import AdministrativeLevel, ServiceLevel
from search.models import EntryKind
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
CHOICE_LABELS = {
    "kind": dict(EntryKind.choices), "effect_status": dict(EffectStatus.choices),
    "level": dict(AdministrativeLevel.choices), "service_level": dict(ServiceLevel.choices),
}


def _labels(field, values):
    if field == "document_type":
        ids = [int(v) for v in values if str(v).isdigit()]
        return {str(pk): name for pk, name in DocumentType.objects.filter(pk__in=ids).values_list("pk", "name")}
    if field == "sectors":
        return dict(Sector.objects.filter(code__in=values).values_list("code", "name"))
    return CHOICE_LABELS.get(field, {})


def label_facets(counts):
    """{index field: [(value, count), ...]} -> [Facet] in FACETS order, empty facets left out."""
    facets = []
    for field, (parameter, label) in FACETS.items():
        pairs = [(str(value), count) for value, count in counts.get(field, []) if value not in (None, "") and count]
        if not pairs:
            continue
        labels = _labels(field, [value for value, _count in pairs])
        values = [FacetValue(value, str(labels.get(value, value)), count) for value, count in pairs[:FACET_SIZE]]
        facets.append(Facet(parameter, str(label), values))
    return facets
