"""Query parameters of the API, validated: bad input is a 400 naming the parameter. Legal documents
and procedures are filtered by their record type's filter set, the one the portals' list pages and
the search use."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from cms.core.forms import WHOLE_NUMBER
from cms.core.models import Agency

MAX_LIMIT = 100
MAX_OFFSET = 100_000
TEXT = {"required": False, "max_length": 200, "allow_blank": False}


class WholeNumberField(serializers.IntegerField):
    """Digits only: DRF alone reads "2.0" as 2, which the documented integer type does not allow."""

    def to_internal_value(self, data):
        if isinstance(data, str) and not WHOLE_NUMBER.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class PageParams(serializers.Serializer):
    limit = WholeNumberField(required=False, min_value=1, max_value=MAX_LIMIT, default=20)
    offset = WholeNumberField(required=False, min_value=0, max_value=MAX_OFFSET, default=0)

    def filter(self, queryset):
        return queryset


def filterset_parameters(filterset_class):
    """OpenAPI query parameters of a record type's filter set (cms.documents.filters, ...)."""
    return [
        OpenApiParameter(name, _openapi_type(flt), description=str(flt.extra.get("help_text") or flt.label or ""),
                         enum=[value for value, _label in flt.extra["choices"]] if "choices" in flt.extra else None)
        for name, flt in filterset_class.base_filters.items()
    ]


def _openapi_type(flt):
    if isinstance(flt, django_filters.DateFilter):
        return OpenApiTypes.DATE
    if isinstance(flt, django_filters.NumberFilter):
        return OpenApiTypes.INT
    if isinstance(flt, django_filters.ModelChoiceFilter) and not flt.extra.get("to_field_name"):
        return OpenApiTypes.INT
    return OpenApiTypes.STR


class AgencyParams(PageParams):
    kind = serializers.CharField(**TEXT)
    parent = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False)

    def filter(self, queryset):
        data = self.validated_data
        lookups = {"kind": "kind", "parent": "parent"}
        return queryset.filter(**{lookups[name]: data[name] for name in lookups if name in data})
