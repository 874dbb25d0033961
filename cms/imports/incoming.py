"""Documents coming in from outside (the e-office push, cms.api.eoffice; files of an older system,
cms.imports.documents): one validation, one way to find a document already there, and new drafts
made the same way."""

from django.conf import settings
from django.core.exceptions import ValidationError as ModelValidationError
from django.db.models import Q
from django.utils.html import escape
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from wagtail.documents import get_document_model

from cms.core.file_content import validate_upload_content
from cms.core.models import Portal
from cms.core.text import fold, normalise_document_number
from cms.documents.models import DocumentAttachment, DocumentType, EffectStatus, LegalDocument, Sector


DATES = ["%Y-%m-%d", "%d/%m/%Y"]  # ISO, and the way Vietnamese documents write dates


class IncomingDocument(serializers.Serializer):
    number = serializers.CharField(max_length=100)
    document_type = serializers.CharField(max_length=100, help_text="The type's name or abbreviation: Quyết định, QĐ")
    issuing_body = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    issue_date = serializers.DateField(input_formats=DATES)
    effective_date = serializers.DateField(required=False, allow_null=True, input_formats=DATES)
    expiry_date = serializers.DateField(required=False, allow_null=True, input_formats=DATES)
    effect_status = serializers.CharField(required=False, allow_blank=True, default="",
                                          help_text="con-hieu-luc, het-hieu-luc, … or its Vietnamese label")
    abstract = serializers.CharField(max_length=2000)
    full_text = serializers.CharField(required=False, allow_blank=True, default="", help_text="Plain text")
    sectors = serializers.ListField(child=serializers.CharField(max_length=255), required=False, default=list,
                                    help_text="Sector codes or names")

    def validate_document_type(self, value):
        found = DocumentType.objects.filter(Q(name__iexact=value.strip()) | Q(abbreviation__iexact=value.strip())).first()
        if found is None:
            raise serializers.ValidationError(_("Không có loại văn bản này."))
        return found

    def validate_effect_status(self, value):
        if not value.strip():
            return EffectStatus.IN_FORCE
        for code, label in EffectStatus.choices:
            if fold(value) in (code, fold(str(label))):
                return code
        raise serializers.ValidationError(_("Không có tình trạng hiệu lực này."))

    def validate_sectors(self, values):
        known = {key: sector for sector in Sector.objects.all() for key in (sector.code, fold(sector.name))}
        unknown = sorted(value for value in values if value not in known and fold(value) not in known)
        if unknown:
            raise serializers.ValidationError(_("Không có lĩnh vực: %(codes)s.") % {"codes": ", ".join(unknown)})
        return [known.get(value) or known[fold(value)] for value in values]


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


def new_document(agency, data, files):
    """An unsaved draft of `agency` from validated data, its files stored in the portal's collection."""
    document = LegalDocument(
        owner_agency=agency, live=False, number=data["number"], document_type=data["document_type"],
        issuing_body=data.get("issuing_body") or agency.name, signer=data["signer"], issue_date=data["issue_date"],
        effective_date=data.get("effective_date"), expiry_date=data.get("expiry_date"), abstract=data["abstract"],
        effect_status=data["effect_status"],
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
    return document, document.save_revision()


def _stored(upload, collection):
    fields = {"title": upload.name, "file": upload}
    if collection is not None:
        fields["collection"] = collection
    return get_document_model().objects.create(**fields)


