import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from cms.procedures.models import Procedure
from tests.factories import JUSTICE, child, make_procedure, portal_home, procedure_form

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
        assert Procedure.objects.matching("ly hon").count() == 0


@pytest.mark.django_db
class TestOnlineServicePages:
    """Decree 43/2011 Art. 18: services listed by sector with their level; a service filed online
    shows its guide and the figures of applications received and resolved."""

    def test_the_list_groups_services_by_sector_with_each_level(self, client, province, taxonomy):
        justice = province["justice"]
        make_procedure(justice, taxonomy["health"], "1.000010", name="Cấp giấy phép hành nghề", service_level="muc-2")
        make_procedure(justice, taxonomy["civil_status"], "1.000011", name="Đăng ký nuôi con nuôi")
        make_procedure(justice, taxonomy["civil_status"], "1.000012", name="Đăng ký khai sinh", service_level="")
        html = client.get(child(portal_home(province["portals"]["justice"]), "dich-vu-cong").url,
                          HTTP_HOST=JUSTICE).content.decode()
        headings = [html.index(f'colspan="3">{name}</th>') for name in ("Hộ tịch", "Y tế")]
        rows = [html.index(name) for name in ("Đăng ký khai sinh", "Đăng ký nuôi con nuôi", "Cấp giấy phép hành nghề")]
        assert headings[0] < rows[0] < rows[1] < headings[1] < rows[2]
        assert html.count('colspan="3">Hộ tịch</th>') == 1
        for level in ("Dịch vụ công trực tuyến toàn trình", "Mức độ 2", "—"):
            assert f'<td data-label="Mức độ">{level}</td>' in html

    def test_a_service_filed_online_shows_its_guide_and_figures(self, client, province, taxonomy):
        procedure = make_procedure(province["justice"], taxonomy["civil_status"], "1.000013")
        offline = make_procedure(province["justice"], taxonomy["civil_status"], "1.000014", name="Chứng thực bản sao",
                                 service_level="muc-2", usage=())
        services = child(portal_home(province["portals"]["justice"]), "dich-vu-cong")
        html = client.get(services.url_for(procedure), HTTP_HOST=JUSTICE).content.decode()
        figures = procedure.usage.get()
        assert "Hướng dẫn sử dụng dịch vụ trực tuyến" in html and procedure.online_guide in html
        assert f"{figures.period_end:%d/%m/%Y}" in html and "40 (31)" in html and "37 (36)" in html
        html = client.get(services.url_for(offline), HTTP_HOST=JUSTICE).content.decode()
        assert "Tình hình tiếp nhận, giải quyết hồ sơ" not in html

    def test_figures_that_do_not_add_up_are_form_errors(self, admin_client, province, taxonomy):
        data = procedure_form(province["justice"], taxonomy["civil_status"], usage=inline_formset([{
            "period_start": "2026-10-01", "period_end": "2026-09-30", "received": "10", "received_online": "12",
            "resolved": "5", "resolved_on_time": "6", "in_progress": "5"}]))
        response = admin_client.post(ADD_URL, data)
        assert response.status_code == 200 and not Procedure.objects.exists()
        html = response.content.decode()
        for message in ("Ngày kết thúc kỳ phải sau ngày bắt đầu", "Không thể lớn hơn số hồ sơ tiếp nhận",
                        "Không thể lớn hơn số hồ sơ đã giải quyết"):
            assert message in html
