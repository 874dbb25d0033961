"""Response shapes of the public API (read-only, published content only)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.documents.models import INVERSE_RELATION_LABELS, LegalDocument
from cms.procedures.models import Procedure, ProcedureUsage
from cms.core.models import Agency, Portal


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name"]


class RelationSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="amends | replaces | repeals | guides, or inverse_* seen from the target")
    label = serializers.CharField()
    document_id = serializers.IntegerField()
    number = serializers.CharField()


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    extension = serializers.CharField()


class LegalDocumentSerializer(serializers.ModelSerializer):
    document_type = serializers.CharField(source="document_type.name")
    document_type_id = serializers.IntegerField(help_text="What the document_type filter takes")
    owner_agency = AgencyRefSerializer()
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    concerned_agencies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    effect_status_label = serializers.CharField(source="get_effect_status_display")

    class Meta:
        model = LegalDocument
        fields = [
            "id", "number", "number_key", "document_type", "document_type_id", "issuing_body", "signer", "issue_date",
            "effective_date", "expiry_date", "effect_status", "effect_status_label", "abstract", "sectors",
            "owner_agency", "concerned_agencies", "updated_at",
        ]


class LegalDocumentDetailSerializer(LegalDocumentSerializer):
    body = serializers.CharField()
    attachments = serializers.SerializerMethodField()
    relations = serializers.SerializerMethodField()

    class Meta(LegalDocumentSerializer.Meta):
        fields = LegalDocumentSerializer.Meta.fields + ["body", "attachments", "relations"]

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, document):
        return [
            {"title": item.label, "url": item.file.url, "extension": item.file.file_extension}
            for item in document.attachments.select_related("file")
        ]

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, document):
        outgoing = [
            {"kind": relation.kind, "label": str(relation.get_kind_display()), "document_id": relation.target_id,
             "number": relation.target.number}
            for relation in document.relations.filter(target__live=True).select_related("target")
        ]
        incoming = [
            {"kind": f"inverse_{relation.kind}", "label": str(INVERSE_RELATION_LABELS[relation.kind]),
             "document_id": relation.source_id, "number": relation.source.number}
            for relation in document.incoming_relations.filter(source__live=True).select_related("source")
        ]
        return outgoing + incoming


class RequiredFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    copies = serializers.CharField()
    form_url = serializers.CharField(allow_null=True)


class UsageSerializer(serializers.ModelSerializer):
    """Applications received and resolved in one period (Decree 43/2011 Art. 18)."""

    class Meta:
        model = ProcedureUsage
        fields = ["period_start", "period_end", "received", "received_online", "resolved", "resolved_on_time",
                  "in_progress"]


class ProcedureSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sector_name = serializers.CharField(source="sector.name")
    owner_agency = AgencyRefSerializer()
    implementing_agencies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Procedure
        fields = ["id", "code", "name", "sector", "sector_name", "level", "service_level", "owner_agency",
                  "implementing_agencies", "processing_time", "processing_days", "updated_at"]


class ProcedureDetailSerializer(ProcedureSerializer):
    announcing_decision = serializers.SerializerMethodField()
    required_files = serializers.SerializerMethodField()
    legal_basis = serializers.SerializerMethodField()
    usage = UsageSerializer(many=True, read_only=True)

    class Meta(ProcedureSerializer.Meta):
        fields = ProcedureSerializer.Meta.fields + [
            "steps", "method", "applicants", "result", "fees", "requirements", "submission_and_return",
            "online_url", "online_guide", "usage", "required_files", "legal_basis", "announcing_decision",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_announcing_decision(self, procedure):
        decision = procedure.announcing_decision
        return decision.pk if decision and decision.live else None

    @extend_schema_field(RequiredFileSerializer(many=True))
    def get_required_files(self, procedure):
        return [
            {"name": item.name, "copies": item.copies, "form_url": item.form.url if item.form else None}
            for item in procedure.required_files.select_related("form")
        ]

    @extend_schema_field(RelationSerializer(many=True))
    def get_legal_basis(self, procedure):
        return [
            {"kind": "legal_basis", "label": "Căn cứ pháp lý", "document_id": document.pk, "number": document.number}
            for document in procedure.legal_basis.filter(live=True)
        ]


class AgencySerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    portal = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = ["id", "code", "name", "short_name", "kind", "parent", "address", "phone", "fax", "email",
                  "website", "portal"]

    def get_portal(self, agency) -> int | None:
        portal = getattr(agency, "portal", None)
        return portal.pk if portal else None


class PortalSerializer(serializers.ModelSerializer):
    hostname = serializers.CharField(source="site.hostname")
    agency = AgencyRefSerializer()
    merged_into = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Portal
        fields = ["id", "hostname", "agency", "status", "merged_into", "blueprint", "blueprint_version"]
