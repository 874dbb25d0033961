"""The e-office push: an agency's document-management system sends a newly issued document, which
becomes a draft in its owner's approval workflow, dated with its real issue date so that the
posting deadline (Decree 43/2011 Art. 17) runs from it. Token-authenticated (one per agency,
cms.api.models); pushing the same document again creates nothing."""

import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import authentication, exceptions, parsers, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.log_actions import log

from cms.api.models import EOfficeToken, key_hash
from cms.imports.incoming import IncomingDocument, checked_files, existing, new_document


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


class TokenScheme(OpenApiAuthenticationExtension):
    """The key in the OpenAPI schema (drf-spectacular)."""

    target_class = TokenAuthentication
    name = "eofficeKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "The key of the issuing agency's e-office connection"}


class HasToken(permissions.BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, EOfficeToken)


PUSH_RESULT = inline_serializer("PushResult", {"id": serializers.IntegerField(), "created": serializers.BooleanField()})


@transaction.atomic
def create_draft(token, data, files):
    """The pushed document as a draft revision in its owner's workflow."""
    document, revision = new_document(token.agency, data, files)
    workflow = document.get_workflow()
    if workflow is not None:
        workflow.start(document, None)
    log(instance=document, action="cong.eoffice.push", revision=revision,
        data={"token": str(token), "agency": token.agency.code})
    return document


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
        request=IncomingDocument,
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
        pushed = IncomingDocument(data=payload)
        pushed.is_valid(raise_exception=True)
        found = existing(request.auth.agency, pushed.validated_data)
        if found is not None:
            return Response({"id": found.pk, "created": False}, status=200)
        files = checked_files(request.FILES.getlist("files"))
        document = create_draft(request.auth, pushed.validated_data, files)
        return Response({"id": document.pk, "created": True}, status=201)
