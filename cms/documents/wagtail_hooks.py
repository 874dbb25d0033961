from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.core.viewsets import ScopedSnippetViewSet
from cms.documents.models import DocumentType, LegalDocument, Sector


class LegalDocumentViewSet(ScopedSnippetViewSet):
    model = LegalDocument
    icon = "doc-full"
    menu_label = _("Văn bản")
    list_display = ["number", "abstract", "document_type", "issue_date", "effect_status", "owner_agency"]
    list_filter = ["document_type", "effect_status", "live"]
    ordering = ["-issue_date"]


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    list_display = ["name", "abbreviation", "is_legal_normative"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    list_display = ["name", "code"]


class DocumentsGroup(SnippetViewSetGroup):
    menu_label = _("Văn bản")
    menu_icon = "doc-full"
    menu_order = 200
    items = (LegalDocumentViewSet, DocumentTypeViewSet, SectorViewSet)


register_snippet(DocumentsGroup)
