"""Read-only public API: legal documents, procedures, agencies, portals, search and export feeds."""

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from cms.api import filters
from cms.api.export import documents_xml
from cms.api.serializers import (
    AgencySerializer, LegalDocumentDetailSerializer, LegalDocumentSerializer, PortalSerializer,
    ProcedureDetailSerializer, ProcedureSerializer,
)
from cms.documents.models import LegalDocument
from cms.procedures.models import Procedure
from search.forms import SearchForm
from search.query import search
from sites.models import Agency, Portal

COMMON_PARAMS = {"format"}


class ClientThrottle(AnonRateThrottle):
    """Per client IP, for everyone (the API is public); the rate is read at request time."""

    scope = "api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PublicAPIView(APIView):
    throttle_classes = [ClientThrottle]
    params_class = None

    def params(self, request):
        """Validated query parameters; unknown ones are refused by name."""
        allowed = set(self.params_class().fields) | COMMON_PARAMS if self.params_class else COMMON_PARAMS
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError({name: [_("Tham số không được hỗ trợ.")] for name in unknown})
        if self.params_class is None:
            return None
        params = self.params_class(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        return params


def paginated(request, queryset, params, serializer_class):
    limit, offset = params.validated_data["limit"], params.validated_data["offset"]
    count = queryset.count()
    items = queryset[offset:offset + limit]

    def link(new_offset):
        query = request.query_params.copy()
        query["offset"], query["limit"] = new_offset, limit
        return request.build_absolute_uri(request.path) + "?" + query.urlencode()

    body = {
        "count": count,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
        "results": serializer_class(items, many=True).data,
    }
    response = Response(body)
    _set_last_modified(response, queryset)
    return response


def _set_last_modified(response, queryset):
    if "updated_at" in {field.name for field in queryset.model._meta.fields}:
        latest = queryset.order_by().aggregate(latest=Max("updated_at"))["latest"]
        if latest:
            response["Last-Modified"] = http_date(latest.timestamp())


def page_schema(name, serializer):
    return inline_serializer(name, {
        "count": serializers.IntegerField(), "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True), "results": serializer(many=True),
    })


class DocumentList(PublicAPIView):
    params_class = filters.DocumentParams

    @extend_schema(operation_id="documents_list", parameters=[filters.DocumentParams], responses=page_schema("DocumentPage", LegalDocumentSerializer),
                   summary="Văn bản (legal documents), published only")
    def get(self, request):
        params = self.params(request)
        documents = LegalDocument.objects.live().select_related("document_type", "owner_agency").prefetch_related(
            "sectors", "concerned_agencies")
        return paginated(request, params.filter(documents), params, LegalDocumentSerializer)


class DocumentDetail(PublicAPIView):
    @extend_schema(operation_id="documents_detail", responses=LegalDocumentDetailSerializer, summary="One legal document with files and relations")
    def get(self, request, pk):
        self.params(request)
        document = get_object_or_404(LegalDocument.objects.live().select_related("document_type", "owner_agency"), pk=pk)
        response = Response(LegalDocumentDetailSerializer(document).data)
        response["Last-Modified"] = http_date(document.updated_at.timestamp())
        return response


class ProcedureList(PublicAPIView):
    params_class = filters.ProcedureParams

    @extend_schema(operation_id="procedures_list", parameters=[filters.ProcedureParams], responses=page_schema("ProcedurePage", ProcedureSerializer),
                   summary="Thủ tục hành chính (administrative procedures), published only")
    def get(self, request):
        params = self.params(request)
        procedures = Procedure.objects.live().select_related("sector", "owner_agency").prefetch_related(
            "implementing_agencies")
        return paginated(request, params.filter(procedures), params, ProcedureSerializer)


class ProcedureDetail(PublicAPIView):
    @extend_schema(operation_id="procedures_detail", responses=ProcedureDetailSerializer, summary="One procedure with its files and legal basis")
    def get(self, request, pk):
        self.params(request)
        procedure = get_object_or_404(Procedure.objects.live().select_related("sector", "owner_agency"), pk=pk)
        response = Response(ProcedureDetailSerializer(procedure).data)
        response["Last-Modified"] = http_date(procedure.updated_at.timestamp())
        return response


class AgencyList(PublicAPIView):
    params_class = filters.AgencyParams

    @extend_schema(operation_id="agencies_list", parameters=[filters.AgencyParams], responses=page_schema("AgencyPage", AgencySerializer),
                   summary="Agencies of the province (the hierarchy: each names its parent)")
    def get(self, request):
        params = self.params(request)
        agencies = params.filter(Agency.objects.select_related("portal").order_by("path"))
        return paginated(request, agencies, params, AgencySerializer)


class AgencyDetail(PublicAPIView):
    @extend_schema(operation_id="agencies_detail", responses=AgencySerializer, summary="One agency")
    def get(self, request, pk):
        self.params(request)
        return Response(AgencySerializer(get_object_or_404(Agency.objects.select_related("portal"), pk=pk)).data)


class PortalList(PublicAPIView):
    params_class = filters.PageParams

    @extend_schema(operation_id="portals_list", parameters=[filters.PageParams], responses=page_schema("PortalPage", PortalSerializer),
                   summary="Portals (component portals) and their hostnames")
    def get(self, request):
        params = self.params(request)
        portals = Portal.objects.exclude(agency=None).select_related("site", "agency").order_by("agency__path")
        return paginated(request, portals, params, PortalSerializer)


SEARCH_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR if kind is str else kind, description=description)
    for name, kind, description in [
        ("q", str, "Query; Vietnamese with or without diacritics, or a document number"),
        ("scope", str, "'all' or a portal id"), ("kind", str, "document | procedure | page"),
        ("document_type", OpenApiTypes.INT, "Document type id"), ("issuing_body", str, "Issuing body"),
        ("sector", str, "Sector code"), ("year", OpenApiTypes.INT, "Year of issue"),
        ("effect_status", str, "Effect status"), ("service_level", str, "Online service level"),
        ("level", str, "Administrative level"), ("date_from", OpenApiTypes.DATE, "From date"),
        ("date_to", OpenApiTypes.DATE, "To date"), ("sort", str, "relevance | date"),
        ("page", OpenApiTypes.INT, "Page number (from 1)"), ("per_page", OpenApiTypes.INT, "Results per page (max 50)"),
    ]
]


class Search(PublicAPIView):
    @extend_schema(operation_id="search", parameters=SEARCH_PARAMETERS, responses=OpenApiTypes.OBJECT,
                   summary="Search across documents, procedures and pages (same parameters as the search page)")
    def get(self, request):
        unknown = sorted(set(request.query_params) - set(SearchForm.base_fields) - COMMON_PARAMS)
        if unknown:
            raise ValidationError({name: [_("Tham số không được hỗ trợ.")] for name in unknown})
        empty = sorted(name for name, value in request.query_params.items() if not value.strip() and name != "q")
        if empty:
            raise ValidationError({name: [_("Tham số không được để trống.")] for name in empty})
        form = SearchForm(request.query_params, portal=None)
        if not form.is_valid():
            raise ValidationError({name: [e["message"] for e in errors] for name, errors in form.errors.get_json_data().items()})
        return Response(search(form.params()).as_json())


class ExportDocuments(PublicAPIView):
    """Feed for national databases: every published legal document, oldest change first."""

    params_class = filters.PageParams

    @extend_schema(operation_id="export_documents", parameters=[filters.PageParams], responses=page_schema("DocumentExport", LegalDocumentDetailSerializer),
                   summary="Legal-document feed (JSON); the same at /api/v1/export/documents.xml")
    def get(self, request):
        params = self.params(request)
        documents = LegalDocument.objects.live().select_related("document_type", "owner_agency").order_by("updated_at", "pk")
        return paginated(request, documents, params, LegalDocumentDetailSerializer)


class ExportDocumentsXML(PublicAPIView):
    params_class = filters.PageParams

    @extend_schema(operation_id="export_documents_xml", parameters=[filters.PageParams], responses={(200, "application/xml"): OpenApiTypes.STR},
                   summary="Legal-document feed as XML (shape documented in README)")
    def get(self, request):
        params = self.params(request)
        data = params.validated_data
        documents = LegalDocument.objects.live().select_related("document_type", "owner_agency").order_by("updated_at", "pk")
        page = documents[data["offset"]:data["offset"] + data["limit"]]
        return HttpResponse(documents_xml(page, documents.count()), content_type="application/xml; charset=utf-8")


class ExportProcedures(PublicAPIView):
    params_class = filters.PageParams

    @extend_schema(operation_id="export_procedures", parameters=[filters.PageParams], responses=page_schema("ProcedureExport", ProcedureDetailSerializer),
                   summary="Procedure feed (JSON)")
    def get(self, request):
        params = self.params(request)
        procedures = Procedure.objects.live().select_related("sector", "owner_agency").order_by("updated_at", "pk")
        return paginated(request, procedures, params, ProcedureDetailSerializer)
