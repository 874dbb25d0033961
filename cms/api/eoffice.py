"""The e-office push: an agency's document-management system sends a newly issued document, which
becomes a draft in its owner's approval workflow, dated with its real issue date so that the
posting deadline (Decree 43/2011 Art. 17) runs from it. Token-authenticated (one per agency,
cms.api.models); pushing the same document again creates nothing."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import authentication, exceptions, parsers, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from cms.api.models import EOfficeToken, key_hash
from cms.core.models import Portal
from cms.core.text import normalise_document_number
from cms.documents.models import DocumentAttachment, DocumentType, LegalDocument, Sector
from cms.uploads import validate_upload_content


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>` of an active token; request.auth is the token."""

    def authenticate(self, request):
        scheme, _sep, key = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            return None
        token = EOfficeToken.objects.select_related("agency").filter(digest=key_hash(key.strip()), active=True).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Khóa kết nối không đúng hoặc đã bị thu hồi."))
        EOfficeToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return None, token

    def authenticate_header(self, request):
        return "Bearer"


class HasToken(permissions.BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, EOfficeToken)


class PushedDocument(serializers.Serializer):
    number = serializers.CharField(max_length=100)
    document_type = serializers.CharField(max_length=100, help_text="The type's name or abbreviation: Quyết định, QĐ")
    issuing_body = serializers.CharField(max_length=255, required=False)
    signer = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    issue_date = serializers.DateField()
    effective_date = serializers.DateField(required=False, allow_null=True)
    expiry_date = serializers.DateField(required=False, allow_null=True)
    abstract = serializers.CharField(max_length=2000)
    full_text = serializers.CharField(required=False, allow_blank=True, default="", help_text="Plain text")
    sectors = serializers.ListField(child=serializers.CharField(max_length=50), required=False, default=list)

    def validate_document_type(self, value):
        found = DocumentType.objects.filter(name__iexact=value.strip()).first() or \
            DocumentType.objects.filter(abbreviation__iexact=value.strip()).first()
        if found is None:
            raise serializers.ValidationError(_("Không có loại văn bản này."))
        return found

    def validate_sectors(self, codes):
        sectors = list(Sector.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {sector.code for sector in sectors})
        if unknown:
            raise serializers.ValidationError(_("Không có lĩnh vực: %(codes)s.") % {"codes": ", ".join(unknown)})
        return sectors


def existing(agency, data):
    key = normalise_document_number(data["number"])
    return LegalDocument.objects.filter(owner_agency=agency, number_key=key, issue_date__year=data["issue_date"].year).first()


def checked_files(files):
    for upload in files:
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in settings.WAGTAILDOCS_EXTENSIONS or upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
            raise exceptions.ValidationError({"files": [_("Tệp “%(name)s” không đúng loại hoặc quá lớn.") % {"name": upload.name}]})
        try:
            validate_upload_content(upload)
        except ModelValidationError as error:
            raise exceptions.ValidationError({"files": error.messages}) from None
    return files


@transaction.atomic
def create_draft(token, data, files):
    """The pushed document as a draft revision in its owner's workflow; its id."""
    agency = token.agency
    document = LegalDocument(
        owner_agency=agency, live=False, number=data["number"], document_type=data["document_type"],
        issuing_body=data.get("issuing_body") or agency.name, signer=data["signer"], issue_date=data["issue_date"],
        effective_date=data.get("effective_date"), expiry_date=data.get("expiry_date"), abstract=data["abstract"],
        body="".join(f"<p>{escape(line)}</p>" for line in data["full_text"].splitlines() if line.strip()),
    )
    portal = Portal.objects.nearest_to(agency)
    collection = portal.collection if portal else None
    document.attachments = [DocumentAttachment(file=_stored(upload, collection), title=upload.name) for upload in files]
    document.sectors = data["sectors"]
    try:
        document.full_clean()
    except ModelValidationError as error:
        raise exceptions.ValidationError(error.message_dict) from None
    document.save()
    revision = document.save_revision()
    workflow = document.get_workflow()
    if workflow is not None:
        workflow.start(document, None)
    log(instance=document, action="cong.eoffice.push", revision=revision,
        data={"token": str(token), "agency": agency.code})
    return document


def _stored(upload, collection):
    fields = {"title": upload.name, "file": upload}
    if collection is not None:
        fields["collection"] = collection
    return get_document_model().objects.create(**fields)


PUSH_RESULT = inline_serializer("PushResult", {"id": serializers.IntegerField(), "created": serializers.BooleanField()})


class DocumentPush(APIView):
    """POST a document issued by the agency the token belongs to: JSON, or multipart with the
    document as a JSON field `document` and its files as `files`."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [HasToken]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser]

    def initial(self, request, *args, **kwargs):
        # An unsupported method is a 405 before any question of keys.
        if request.method.lower() not in ("post", "options"):
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def permission_denied(self, request, message=None, code=None):
        raise exceptions.NotAuthenticated(_("Thiếu khóa kết nối: gửi tiêu đề Authorization: Bearer <khóa>."))

    @extend_schema(
        summary="Push a document from the e-office system (Bearer key of the issuing agency)",
        request=PushedDocument,
        responses={201: PUSH_RESULT, 200: PUSH_RESULT,
                   401: OpenApiResponse(description="Missing, wrong or revoked key", response=OpenApiTypes.OBJECT)},
    )
    def post(self, request):
        payload = request.data.get("document", request.data) if hasattr(request.data, "getlist") else request.data
        if isinstance(payload, str):
            try:
                payload = json.loads(payload)
            except ValueError:
                raise exceptions.ValidationError({"document": [_("Trường document phải là JSON.")]}) from None
        pushed = PushedDocument(data=payload)
        pushed.is_valid(raise_exception=True)
        found = existing(request.auth.agency, pushed.validated_data)
        if found is not None:
            return Response({"id": found.pk, "created": False}, status=200)
        files = checked_files(request.FILES.getlist("files"))
        document = create_draft(request.auth, pushed.validated_data, files)
        return Response({"id": document.pk, "created": True}, status=201)
