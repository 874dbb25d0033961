"""Legal documents (văn bản): Decree 43/2011 Art. 10.1.e and its successor 42/2022."""

from functools import cached_property, reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.models import FileText
from cms.core.permissions import AgencyScopedForm
from cms.core.registry import RecordType, SearchSpec, register_record_type
from cms.core.text import fold, normalise_document_number, plain_text
from cms.records import PortalScopedQuerySet, PublishableRecord, folded_words

# The document type of consolidated texts, by name or by the abbreviation in their numbers ("401/VBHN-BTP").
CONSOLIDATED_TEXT = models.Q(name__iexact="Văn bản hợp nhất") | models.Q(abbreviation__iexact="VBHN")
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr", "blockquote"]


class Sector(models.Model):
    """A field of state management (lĩnh vực), shared by documents and procedures."""

    code = models.SlugField(_("mã lĩnh vực"), max_length=60, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=150)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DocumentType(models.Model):
    name = models.CharField(_("loại văn bản"), max_length=100, unique=True)
    abbreviation = models.CharField(_("viết tắt"), max_length=20, blank=True)
    is_legal_normative = models.BooleanField(
        _("văn bản quy phạm pháp luật"), default=False,
        help_text=_("Đánh dấu nếu loại văn bản này thuộc hệ thống văn bản quy phạm pháp luật."),
    )

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EffectStatus(models.TextChoices):
    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", _("Hết hiệu lực một phần")
    NOT_YET_IN_FORCE = "chua-co-hieu-luc", _("Chưa có hiệu lực")


# Statuses that rank a document as in force in search.
IN_FORCE_STATUSES = {EffectStatus.IN_FORCE, EffectStatus.PARTLY_EXPIRED}


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("Sửa đổi, bổ sung")
    REPLACES = "replaces", _("Thay thế")
    REPEALS = "repeals", _("Bãi bỏ")
    GUIDES = "guides", _("Hướng dẫn")


# How a relation reads from the target's side ("is amended by", ...).
INVERSE_RELATION_LABELS = {
    RelationKind.AMENDS: _("Được sửa đổi, bổ sung bởi"),
    RelationKind.REPLACES: _("Bị thay thế bởi"),
    RelationKind.REPEALS: _("Bị bãi bỏ bởi"),
    RelationKind.GUIDES: _("Được hướng dẫn bởi"),
}


class LegalDocumentForm(AgencyScopedForm):
    def is_valid(self):
        # Relations are an inline formset, validated after the form itself: check them afterwards.
        valid = super().is_valid()
        return self._relations_are_valid() and valid

    def _relations_are_valid(self):
        relations = self.formsets.get("relations")
        if relations is None or not self.instance.pk:
            return True
        valid = True
        for form in relations.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("target") and data["target"].pk == self.instance.pk and not data.get("DELETE"):
                form.add_error("target", _("Văn bản không thể có quan hệ với chính nó."))
                valid = False
        return valid


class LegalDocument(PublishableRecord):
    number = models.CharField(
        _("số, ký hiệu"), max_length=100,
        help_text=_("Ví dụ: 43/2011/NĐ-CP, 15/CT-UBND, 1234/UBND-KT."),
    )
    number_key = models.CharField(max_length=100, editable=False, db_index=True)
    document_type = models.ForeignKey(DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT)
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=255,
        help_text=_("Tên cơ quan ban hành ghi trên văn bản, ví dụ: Chính phủ, UBND tỉnh Thanh Sơn."),
    )
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    issue_date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    expiry_date = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    effect_status = models.CharField(
        _("tình trạng hiệu lực"), max_length=30, choices=EffectStatus.choices, default=EffectStatus.IN_FORCE
    )
    abstract = models.TextField(_("trích yếu"), max_length=2000)
    body = RichTextField(_("toàn văn"), blank=True, features=RICH_TEXT_FEATURES)
    sectors = ParentalManyToManyField(Sector, verbose_name=_("lĩnh vực"), blank=True, related_name="documents")
    concerned_agencies = ParentalManyToManyField(
        "portals.Agency", verbose_name=_("cơ quan liên quan"), blank=True, related_name="concerning_documents",
        help_text=_("Văn bản cũng được hiển thị trên cổng của các cơ quan này."),
    )

    objects = PortalScopedQuerySet.as_manager()
    base_form_class = LegalDocumentForm

    search_fields = [
        index.SearchField("number", boost=5),
        index.SearchField("abstract", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("number"),
        index.AutocompleteField("abstract"),
        index.FilterField("owner_agency"),
        index.FilterField("effect_status"),
        index.FilterField("live"),
    ]
    panels = [
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("document_type"), FieldPanel("issuing_body"), FieldPanel("signer")],
            heading=_("Thông tin văn bản"),
        ),
        MultiFieldPanel(
            [FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("expiry_date"), FieldPanel("effect_status")],
            heading=_("Hiệu lực"),
        ),
        FieldPanel("abstract"),
        FieldPanel("body"),
        FieldPanel("sectors"),
        FieldPanel("owner_agency"),
        FieldPanel("concerned_agencies"),
        InlinePanel("attachments", heading=_("Tệp đính kèm"), label=_("tệp")),
        InlinePanel("relations", heading=_("Quan hệ với văn bản khác"), label=_("quan hệ")),
    ]

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issue_date", "-pk"]
        indexes = [models.Index(fields=["live", "-issue_date"])]

    def __str__(self):
        return f"{self.number} — {self.abstract[:80]}"

    @property
    def title(self):
        return f"{self.document_type} {self.number}"

    def clean(self):
        super().clean()
        errors = {}
        key = normalise_document_number(self.number or "")
        if key is None:
            errors["number"] = _(
                "Số, ký hiệu không đúng định dạng (ví dụ đúng: 43/2011/NĐ-CP, 15/CT-UBND)."
            )
        else:
            self.number_key = key
            if self._number_taken(key):
                errors["number"] = _(
                    "Cơ quan ban hành này đã có văn bản mang số, ký hiệu này trong cùng năm ban hành."
                )
        if self.issue_date and self.effective_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("Ngày hiệu lực không được trước ngày ban hành.")
        if self.effective_date and self.expiry_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = _("Ngày hết hiệu lực không được trước ngày hiệu lực.")
        if errors:
            raise ValidationError(errors)

    def _number_taken(self, key):
        if not self.issue_date:
            return False
        others = LegalDocument.objects.filter(
            number_key=key, issue_date__year=self.issue_date.year, issuing_body__iexact=self.issuing_body
        )
        return others.exclude(pk=self.pk).exists()

    def searchable_text(self):
        return " ".join([self.searchable_title(), self.issuing_body, self.signer, plain_text(self.body),
                         self.attachment_text()])

    def attachment_text(self):
        """The text read from its attached files (cms.core.file_text) that anyone may download:
        a file in a collection restricted to signed-in users stays out of search."""
        return " ".join(attachment.public_text() for attachment in self.attachments.all())

    def searchable_title(self):
        return f"{self.title} {self.abstract}"

    def save(self, *args, **kwargs):
        self.number_key = normalise_document_number(self.number) or fold(self.number).upper()
        super().save(*args, **kwargs)

    def related_documents(self):
        """Both directions of every relation, as (label, document) pairs, live documents only."""
        outgoing = [
            (relation.get_kind_display(), relation.target)
            for relation in self.relations.select_related("target__document_type")
            if relation.target.live
        ]
        incoming = [
            (INVERSE_RELATION_LABELS[relation.kind], relation.source)
            for relation in DocumentRelation.objects.filter(target=self, source__live=True)
            .select_related("source__document_type")
        ]
        return outgoing + incoming

    def get_admin_url(self):
        return reverse("wagtailsnippets_legal_documents_legaldocument:edit", args=[self.pk])


class DocumentAttachment(Orderable):
    document = ParentalKey(LegalDocument, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên tệp"), max_length=255, blank=True)

    panels = [FieldPanel("file"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")

    @property
    def label(self):
        return self.title or self.file.title

    @cached_property
    def read_text(self):
        """What was read from the file (FileText), or None while it waits to be read (asked once:
        Django does not remember that a reverse one-to-one row is missing)."""
        try:
            return self.file.read_text
        except FileText.DoesNotExist:
            return None

    @property
    def is_scan(self):
        return self.read_text is not None and self.read_text.state == FileText.State.SCANNED

    def public_text(self):
        if self.read_text is None or self.file.collection.get_view_restrictions().exists():
            return ""
        return self.read_text.text


class DocumentRelation(Orderable):
    source = ParentalKey(LegalDocument, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("quan hệ"), max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        LegalDocument, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="incoming_relations"
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("quan hệ văn bản")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="unique_document_relation"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="document_relation_not_to_itself"
            ),
        ]

    def clean(self):
        super().clean()
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("Văn bản không thể có quan hệ với chính nó.")})


def consolidated_texts(documents):
    """Ids of the live consolidated texts (văn bản hợp nhất, VBHN: Pháp lệnh Hợp nhất văn bản quy phạm
    pháp luật 2012) of these documents: a consolidated text bears the title of the document it
    consolidates, with its amendments merged in."""
    named = {pk: folded_words(abstract) for pk, abstract in documents.values_list("pk", "abstract")}
    abstracts = set(named.values())
    if not abstracts:
        return []
    candidates = LegalDocument.objects.live().filter(
        reduce(or_, [models.Q(folded_title__endswith=abstract) for abstract in abstracts]),
        document_type__in=DocumentType.objects.filter(CONSOLIDATED_TEXT),
    ).exclude(pk__in=named)
    return [pk for pk, abstract in candidates.values_list("pk", "abstract") if folded_words(abstract) in abstracts]


def search_entry(document):
    return {
        "title": f"{document.title} — {document.abstract}",
        "body": " ".join([document.issuing_body, document.signer, plain_text(document.body)]),
        "attachments": document.attachment_text(),
        "number": document.number, "number_key": document.number_key,
        "document_type": str(document.document_type_id), "issuing_body": document.issuing_body,
        "sectors": [sector.code for sector in document.sectors.all()],
        "effect_status": document.effect_status, "in_force": document.effect_status in IN_FORCE_STATUSES,
        "issue_date": document.issue_date, "effective_date": document.effective_date,
        "date": document.issue_date, "year": document.issue_date.year,
    }


LEGAL_DOCUMENTS = register_record_type(RecordType(
    key="document", model=LegalDocument, owner_field="owner_agency", concerned_field="concerned_agencies",
    listing_page="pages.LegalDocumentIndexPage", filterset="cms.documents.filters.DocumentFilterSet",
    reviewed_by_board=True,
    search=SearchSpec(
        entry=search_entry, date_field="issue_date",
        prefetch=("document_type", "sectors", "concerned_agencies", "attachments__file__read_text",
                  "attachments__file__collection"),
        in_force=models.Q(effect_status__in=IN_FORCE_STATUSES), number_field="number_key",
        companions=consolidated_texts,
    ),
))
