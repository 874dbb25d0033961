"""Query parameters of the API, validated: bad input is a 400 naming the parameter."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cms.documents.models import EffectStatus
from cms.procedures.models import AdministrativeLevel, ServiceLevel
from search.forms import WHOLE_NUMBER
from cms.core.text import normalise_document_number
from cms.core.models import Agency, Portal

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


class PortalParam(serializers.Serializer):
    portal = serializers.PrimaryKeyRelatedField(
        queryset=Portal.objects.select_related("agency"), required=False,
        help_text="Only records shown on this portal (its id).",
    )


class DocumentParams(PageParams, PortalParam):
    number = serializers.CharField(**TEXT, help_text="Document number in any spelling, e.g. 43/2011/ND-CP")
    document_type = serializers.CharField(**TEXT, help_text="Document type name, e.g. Quyết định")
    issuing_body = serializers.CharField(**TEXT)
    sector = serializers.SlugField(required=False, max_length=60)
    status = serializers.ChoiceField(choices=EffectStatus.choices, required=False)
    issued_after = serializers.DateField(required=False)
    issued_before = serializers.DateField(required=False)
    effective_after = serializers.DateField(required=False)
    effective_before = serializers.DateField(required=False)

    def validate_number(self, value):
        key = normalise_document_number(value)
        if key is None:
            raise serializers.ValidationError(_("Số, ký hiệu không đúng định dạng."))
        return key

    def validate(self, data):
        for start, end in (("issued_after", "issued_before"), ("effective_after", "effective_before")):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                raise serializers.ValidationError({end: _("Ngày kết thúc phải sau ngày bắt đầu.")})
        return data

    def filter(self, queryset):
        data = self.validated_data
        lookups = {
            "number": "number_key", "document_type": "document_type__name__iexact",
            "issuing_body": "issuing_body__icontains", "sector": "sectors__code", "status": "effect_status",
            "issued_after": "issue_date__gte", "issued_before": "issue_date__lte",
            "effective_after": "effective_date__gte", "effective_before": "effective_date__lte",
        }
        queryset = queryset.filter(**{lookups[name]: data[name] for name in lookups if name in data})
        if data.get("portal"):
            queryset = queryset.for_agency(data["portal"].agency)
        return queryset.distinct()


class ProcedureParams(PageParams, PortalParam):
    code = serializers.CharField(**TEXT)
    sector = serializers.SlugField(required=False, max_length=60)
    level = serializers.ChoiceField(choices=AdministrativeLevel.choices, required=False)
    service_level = serializers.ChoiceField(choices=ServiceLevel.choices, required=False)
    implementing_agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, help_text="Agency code, e.g. STP"
    )

    def filter(self, queryset):
        data = self.validated_data
        lookups = {"code": "code", "sector": "sector__code", "level": "level", "service_level": "service_level",
                   "implementing_agency": "implementing_agencies"}
        queryset = queryset.filter(**{lookups[name]: data[name] for name in lookups if name in data})
        if data.get("portal"):
            queryset = queryset.for_agency(data["portal"].agency)
        return queryset.distinct()


class AgencyParams(PageParams):
    kind = serializers.CharField(**TEXT)
    parent = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False)

    def filter(self, queryset):
        data = self.validated_data
        lookups = {"kind": "kind", "parent": "parent"}
        return queryset.filter(**{lookups[name]: data[name] for name in lookups if name in data})
