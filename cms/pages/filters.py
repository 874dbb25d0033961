"""Filter forms for the document and procedure lists. Invalid values are form errors, never 500s."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.documents.models import DocumentType, EffectStatus, Sector
from cms.procedures.models import AdministrativeLevel, ServiceLevel
from cms.core.text import normalise_document_number

MAX_QUERY_LENGTH = 200


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=MAX_QUERY_LENGTH)
    document_type = forms.ModelChoiceField(
        label=_("Loại văn bản"), queryset=DocumentType.objects.all(), required=False, empty_label=_("Tất cả")
    )
    sector = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Sector.objects.all(), required=False, empty_label=_("Tất cả"))
    year = forms.IntegerField(label=_("Năm ban hành"), required=False, min_value=1945, max_value=2100)
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=200)
    effect_status = forms.ChoiceField(
        label=_("Tình trạng hiệu lực"), choices=[("", _("Tất cả"))] + EffectStatus.choices, required=False
    )

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def filter(self, documents):
        data = self.cleaned_data
        if data["q"]:
            key = normalise_document_number(data["q"])
            documents = documents.filter(number_key=key) if key else documents.matching(data["q"])
        if data["document_type"]:
            documents = documents.filter(document_type=data["document_type"])
        if data["sector"]:
            documents = documents.filter(sectors=data["sector"])
        if data["year"]:
            documents = documents.filter(issue_date__year=data["year"])
        if data["issuing_body"]:
            documents = documents.filter(issuing_body__icontains=data["issuing_body"])
        if data["effect_status"]:
            documents = documents.filter(effect_status=data["effect_status"])
        return documents.distinct()


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=MAX_QUERY_LENGTH)
    sector = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Sector.objects.all(), required=False, empty_label=_("Tất cả"))
    level = forms.ChoiceField(
        label=_("Cấp thực hiện"), choices=[("", _("Tất cả"))] + AdministrativeLevel.choices, required=False
    )
    service_level = forms.ChoiceField(
        label=_("Mức độ dịch vụ công"), choices=[("", _("Tất cả"))] + ServiceLevel.choices, required=False
    )

    def filter(self, procedures):
        data = self.cleaned_data
        if data["q"]:
            procedures = procedures.matching(data["q"])
        if data["sector"]:
            procedures = procedures.filter(sector=data["sector"])
        if data["level"]:
            procedures = procedures.filter(level=data["level"])
        if data["service_level"]:
            procedures = procedures.filter(service_level=data["service_level"])
        return procedures
