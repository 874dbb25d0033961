import pytest
from django.urls import reverse

from cms.procedures.models import Procedure
from tests.factories import procedure_form
from tests.factories import make_procedure

ADD_URL = reverse("wagtailsnippets_procedures_procedure:add")


@pytest.mark.django_db
class TestProcedureAdmin:
    def test_add_and_publish(self, admin_client, province, taxonomy):
        data = procedure_form(province["justice"], taxonomy["civil_status"], **{"action-publish": "action-publish"})
        response = admin_client.post(ADD_URL, data)
        assert response.status_code == 302
        procedure = Procedure.objects.get(code="1.000001")
        assert procedure.live and procedure.required_files.get().name == "Tờ khai đăng ký khai sinh"

    def test_duplicate_code_within_an_agency_is_a_form_error(self, admin_client, province, taxonomy):
        make_procedure(province["justice"], taxonomy["civil_status"], "1.000001")
        response = admin_client.post(ADD_URL, procedure_form(province["justice"], taxonomy["civil_status"]))
        assert response.status_code == 200
        assert "Cơ quan này đã có một thủ tục mang mã này" in response.content.decode()
        assert Procedure.objects.count() == 1

    def test_same_code_in_another_agency_is_allowed(self, admin_client, province, taxonomy):
        make_procedure(province["justice"], taxonomy["civil_status"], "1.000001")
        response = admin_client.post(ADD_URL, procedure_form(province["health"], taxonomy["civil_status"]))
        assert response.status_code == 302
        assert Procedure.objects.count() == 2

    def test_folded_search_text_finds_words_without_diacritics(self, province, taxonomy):
        make_procedure(province["justice"], taxonomy["civil_status"], "1.000002", name="Đăng ký kết hôn")
        assert Procedure.objects.matching("dang ky ket hon").count() == 1
        assert Procedure.objects.matching("ĐĂNG KÝ Kết Hôn").count() == 1
        assert Procedure.objects.matching("khai tu").count() == 0
