import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.core.text import fold
from cms.documents.models import DocumentRelation, LegalDocument
from wagtail.test.utils.form_data import rich_text

from tests.factories import legal_document_form
from tests.factories import make_document

ADD_URL = reverse("wagtailsnippets_legal_documents_legaldocument:add")


def edit_url(document):
    return reverse("wagtailsnippets_legal_documents_legaldocument:edit", args=[document.pk])


@pytest.mark.django_db
class TestValidation:
    def test_effective_date_before_issue_date_is_refused(self, province, taxonomy):
        with pytest.raises(ValidationError) as error:
            make_document(province["justice"], taxonomy["decision"], "1/2025/QĐ-STP",
                          effective_date=datetime.date(2025, 2, 1))
        assert "Ngày hiệu lực không được trước ngày ban hành" in str(error.value)

    @pytest.mark.parametrize("number", ["abc", "12", "thủ tục hành chính", "///"])
    def test_malformed_number_is_refused(self, province, taxonomy, number):
        with pytest.raises(ValidationError) as error:
            make_document(province["justice"], taxonomy["decision"], number)
        assert "không đúng định dạng" in str(error.value)

    def test_same_number_same_issuer_same_year_is_refused(self, province, taxonomy):
        make_document(province["justice"], taxonomy["decision"], "5/2025/QĐ-UBND")
        with pytest.raises(ValidationError):
            make_document(province["justice"], taxonomy["decision"], "5/2025/QD-UBND")

    def test_same_number_from_another_issuer_is_allowed(self, province, taxonomy):
        make_document(province["commune"], taxonomy["decision"], "5/QĐ-UBND")
        make_document(province["root"], taxonomy["decision"], "5/QĐ-UBND")
        assert LegalDocument.objects.filter(number_key="5/QD-UBND").count() == 2

    def test_number_is_normalised_to_a_search_key(self, province, taxonomy):
        document = make_document(province["root"], taxonomy["decree"], "43/2011/NĐ-CP", issuing_body="Chính phủ")
        assert document.number_key == "43/2011/ND-CP"
        assert document.folded_text.startswith(f" {fold(document.document_type.name)} 43 2011 nd cp ")
        assert " chinh phu " in document.folded_text
        assert document.folded_title.startswith(f" {fold(document.document_type.name)} 43 2011 nd cp ")

    @pytest.mark.parametrize(("number", "key"), [("15a/2019/QĐ-UBND", "15A/2019/QD-UBND"), ("36b/NQ-CP", "36B/NQ-CP")])
    def test_numbers_with_a_letter_are_saved_and_kept_apart_from_the_plain_number(self, province, taxonomy, number, key):
        document = make_document(province["root"], taxonomy["decision"], number)
        assert document.number_key == key
        plain = make_document(province["root"], taxonomy["decision"], number.replace("a", "").replace("b", ""))
        assert plain.number_key != key
        with pytest.raises(ValidationError):
            make_document(province["root"], taxonomy["decision"], number.upper())

    def test_relation_to_itself_is_refused_by_the_database(self, province, taxonomy):
        from django.db import IntegrityError, transaction

        document = make_document(province["root"], taxonomy["decision"], "6/2025/QĐ-UBND")
        with pytest.raises(IntegrityError), transaction.atomic():
            DocumentRelation.objects.create(source=document, target=document, kind="amends")


@pytest.mark.django_db
class TestAdminForm:
    def test_editor_adds_and_publishes_a_document(self, admin_client, province, taxonomy):
        data = legal_document_form(province["justice"], taxonomy["decision"], **{"action-publish": "action-publish"})
        response = admin_client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        document = LegalDocument.objects.get(number_key="12/2025/QD-UBND")
        assert document.live and document.revisions.count() == 1

    def test_effective_date_error_is_shown_in_vietnamese_and_nothing_saved(self, admin_client, province, taxonomy):
        data = legal_document_form(province["justice"], taxonomy["decision"], effective_date="2025-01-01")
        response = admin_client.post(ADD_URL, data)
        assert response.status_code == 200
        assert "Ngày hiệu lực không được trước ngày ban hành" in response.content.decode()
        assert not LegalDocument.objects.exists()

    def test_malformed_number_error_in_form(self, admin_client, province, taxonomy):
        response = admin_client.post(ADD_URL, legal_document_form(province["justice"], taxonomy["decision"], number="xyz"))
        assert "Số, ký hiệu không đúng định dạng" in response.content.decode()
        assert not LegalDocument.objects.exists()

    def test_relation_to_itself_is_a_form_error(self, admin_client, province, taxonomy):
        document = make_document(province["justice"], taxonomy["decision"], "7/2025/QĐ-STP")
        data = legal_document_form(province["justice"], taxonomy["decision"], number=document.number,
                                   relations=[{"kind": "amends", "target": document.pk}])
        response = admin_client.post(edit_url(document), data)
        assert response.status_code == 200
        assert "Văn bản không thể có quan hệ với chính nó" in response.content.decode()
        assert not DocumentRelation.objects.exists()

    def test_script_in_rich_text_is_stored_escaped(self, admin_client, province, taxonomy):
        data = legal_document_form(province["justice"], taxonomy["decision"],
                                   body=rich_text("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
                                   **{"action-publish": "action-publish"})
        admin_client.post(ADD_URL, data)
        document = LegalDocument.objects.get()
        assert "<script>" not in document.body
        assert "&lt;script&gt;" in document.body

    def test_raw_html_instead_of_editor_json_is_not_a_server_error(self, admin_client, province, taxonomy):
        data = legal_document_form(province["justice"], taxonomy["decision"], body='<p><script>alert(1)</script></p>')
        response = admin_client.post(ADD_URL, data)
        assert response.status_code in (200, 302)
        assert all("<script>" not in document.body for document in LegalDocument.objects.all())
