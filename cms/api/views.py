"""Read-only public API: legal documents, procedures, agencies, portals, search and export feeds."""

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from cms.api import filters
from cms.api.export import documents_xml
from cms.api.throttling import ClientThrottle
from cms.api.serializers import (
    AgencySerializer, LegalDocumentDetailSerializer, LegalDocumentSerializer, PortalSerializer,
    ProcedureDetailSerializer, ProcedureSerializer,
)
from cms.documents.models import LEGAL_DOCUMENTS, LegalDocument
from cms.procedures.models import PROCEDURES, Procedure
from search.forms import SearchForm
from search.query import search
from cms.core.models import Agency, Portal, served_root_url

COMMON_PARAMS = {"format"}


def refuse_unknown_or_empty(request, known):
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise ValidationError({name: [_("Tham số không được hỗ trợ.")] for name in unknown})
    empty = sorted(name for name, value in request.query_params.items() if not value.strip() and name != "q")
    if empty:
        raise ValidationError({name: [_("Tham số không được để trống.")] for name in empty})


class PublicAPIView(APIView):
    throttle_classes = [ClientThrottle]
    params_class = None
    record_type = None  # its filter set filters the list

    def known_params(self):
        known = set(self.params_class().fields) if self.params_class else set()
        if self.record_type is not None:
            known |= set(self.record_type.filterset_class.base_filters)
        return known | COMMON_PARAMS

    def params(self, request):
        """Validated query parameters; unknown or empty ones are refused by name."""
        refuse_unknown_or_empty(request, self.known_params())
        if self.params_class is None:
            return None
        params = self.params_class(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        return params


def site_origin(request):
    """scheme://host of the portal answering: its configured hostname, never a Host header echoed
    into a publicly cached response."""
    site = Site.find_for_request(request)
    return served_root_url(site.root_url, request) if site else request.build_absolute_uri("/").rstrip("/")


def paginated(request, queryset, params, serializer_class):
    limit, offset = params.validated_data["limit"], params.validated_data["offset"]
    count = queryset.count()
    items = queryset[offset:offset + limit]

    origin = site_origin(request)

    def link(new_offset):
        query = request.query_params.copy()
        query["offset"], query["limit"] = new_offset, limit
        return f"{origin}{request.path}?{query.urlencode()}"

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


class ListView(PublicAPIView):
    """A paginated, filtered list: subclasses name the parameters, serializer and queryset."""

    serializer_class = None

    def get_queryset(self):
        raise NotImplementedError

    def get(self, request):
        params = self.params(request)
        return paginated(request, self.filter(request, params.filter(self.get_queryset())), params, self.serializer_class)

    def filter(self, request, queryset):
        if self.record_type is None:
            return queryset
        filters = self.record_type.filterset_class(request.query_params, queryset=queryset)
        if not filters.is_valid():
            raise ValidationError(filters.errors)
        return filters.qs


class DetailView(PublicAPIView):
    serializer_class = None

    def get_queryset(self):
        raise NotImplementedError

    def get(self, request, pk):
        self.params(request)
        instance = get_object_or_404(self.get_queryset(), pk=pk)
        response = Response(self.serializer_class(instance).data)
        if hasattr(instance, "updated_at"):
            response["Last-Modified"] = http_date(instance.updated_at.timestamp())
        return response


def live_documents():
    return LegalDocument.objects.live().select_related("document_type", "owner_agency")


def live_procedures():
    return Procedure.objects.live().select_related("sector", "owner_agency")


def list_schema(operation_id, params_class, page_name, serializer, summary, record_type=None):
    parameters = [params_class] + (filters.filterset_parameters(record_type.filterset_class) if record_type else [])
    return extend_schema_view(get=extend_schema(
        operation_id=operation_id, parameters=parameters, responses=page_schema(page_name, serializer), summary=summary,
    ))


def detail_schema(operation_id, serializer, summary):
    return extend_schema_view(get=extend_schema(operation_id=operation_id, responses=serializer, summary=summary))


@list_schema("documents_list", filters.PageParams, "DocumentPage", LegalDocumentSerializer,
             "Văn bản (legal documents), published only", LEGAL_DOCUMENTS)
class DocumentList(ListView):
    params_class = filters.PageParams
    record_type = LEGAL_DOCUMENTS
    serializer_class = LegalDocumentSerializer

    def get_queryset(self):
        return live_documents().prefetch_related("sectors", "concerned_agencies")


@detail_schema("documents_detail", LegalDocumentDetailSerializer, "One legal document with files and relations")
class DocumentDetail(DetailView):
    serializer_class = LegalDocumentDetailSerializer
    get_queryset = staticmethod(live_documents)


@list_schema("procedures_list", filters.PageParams, "ProcedurePage", ProcedureSerializer,
             "Thủ tục hành chính (administrative procedures), published only", PROCEDURES)
class ProcedureList(ListView):
    params_class = filters.PageParams
    record_type = PROCEDURES
    serializer_class = ProcedureSerializer

    def get_queryset(self):
        return live_procedures().prefetch_related("implementing_agencies")


@detail_schema("procedures_detail", ProcedureDetailSerializer, "One procedure with its files and legal basis")
class ProcedureDetail(DetailView):
    serializer_class = ProcedureDetailSerializer
    get_queryset = staticmethod(live_procedures)


def agencies():
    return Agency.objects.select_related("portal").order_by("path")


@list_schema("agencies_list", filters.AgencyParams, "AgencyPage", AgencySerializer,
             "Agencies of the province (the hierarchy: each names its parent)")
class AgencyList(ListView):
    params_class = filters.AgencyParams
    serializer_class = AgencySerializer
    get_queryset = staticmethod(agencies)


@detail_schema("agencies_detail", AgencySerializer, "One agency")
class AgencyDetail(DetailView):
    serializer_class = AgencySerializer
    get_queryset = staticmethod(agencies)


@list_schema("portals_list", filters.PageParams, "PortalPage", PortalSerializer,
             "Portals (component portals) and their hostnames")
class PortalList(ListView):
    params_class = filters.PageParams
    serializer_class = PortalSerializer

    def get_queryset(self):
        return Portal.objects.exclude(agency=None).select_related("site", "agency").order_by("agency__path")


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
        refuse_unknown_or_empty(request, set(SearchForm.base_fields) | COMMON_PARAMS)
        form = SearchForm(request.query_params, portal=None)
        if not form.is_valid():
            raise ValidationError({name: [e["message"] for e in errors] for name, errors in form.errors.get_json_data().items()})
        return Response(search(form.params()).as_json())


@list_schema("export_documents", filters.PageParams, "DocumentExport", LegalDocumentDetailSerializer,
             "Legal-document feed (JSON); the same at /api/v1/export/documents.xml")
class ExportDocuments(ListView):
    """Feed for national databases: every published legal document, oldest change first."""

    params_class = filters.PageParams
    serializer_class = LegalDocumentDetailSerializer

    def get_queryset(self):
        return live_documents().order_by("updated_at", "pk")


class ExportDocumentsXML(PublicAPIView):
    params_class = filters.PageParams

    @extend_schema(operation_id="export_documents_xml", parameters=[filters.PageParams], responses={(200, "application/xml"): OpenApiTypes.STR},
                   summary="Legal-document feed as XML (shape documented in README)")
    def get(self, request):
        params = self.params(request)
        data = params.validated_data
        documents = live_documents().order_by("updated_at", "pk")
        page = documents[data["offset"]:data["offset"] + data["limit"]]
        return HttpResponse(documents_xml(page, documents.count()), content_type="application/xml; charset=utf-8")


@list_schema("export_procedures", filters.PageParams, "ProcedureExport", ProcedureDetailSerializer, "Procedure feed (JSON)")
class ExportProcedures(ListView):
    params_class = filters.PageParams
    serializer_class = ProcedureDetailSerializer

    def get_queryset(self):
        return live_procedures().order_by("updated_at", "pk")
