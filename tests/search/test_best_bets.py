"""Best bets: a portal's approvers pin a page, document or procedure first for some queries on their
portal, by the address citizens see; it is shown first and marked, with or without diacritics, on
that portal only, until it expires or its result is unpublished; bad addresses are form errors, and
no one pins on, sees or changes another portal's best bets."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from search.models import BestBet
from tests.factories import make_user

pytestmark = pytest.mark.django_db
ADD = "/admin/best_bets/new/"


@pytest.fixture
def people(province, content, settings):
    settings.SEARCH_URL = ""  # the database answers
    settings.ADMIN_TWO_FACTOR = False
    justice, health = province["portals"]["justice"], province["portals"]["health"]
    signed_in = {}
    for role, user in {"approver": make_user("duyet.bb", justice.approvers_group),
                       "editor": make_user("bientap.bb", justice.editors_group),
                       "other": make_user("duyet.syt.bb", health.approvers_group)}.items():
        signed_in[role] = Client()
        signed_in[role].force_login(user)
    return signed_in


def pin(client, portal, address, queries="sổ hộ tịch\nđăng ký khai sinh cho con", **fields):
    return client.post(ADD, {"portal": portal.pk, "queries": queries, "address": address, "note": "", **fields})


def best_bets_on(host, query):
    html = Client(HTTP_HOST=host).get("/tim-kiem/", {"q": query}).content.decode()
    section = html.split('class="best-bets"')[1].split("</section>")[0] if 'class="best-bets"' in html else ""
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r"<h4><a [^>]*>(.*?)</a></h4>", section)]


def test_an_approver_pins_a_procedure_shown_first_without_diacritics(people, province, content):
    justice = province["portals"]["justice"]
    response = pin(people["approver"], justice, f"http://stp.thunghiem.localhost/dich-vu-cong/{content['procedure'].pk}/")
    assert response.status_code == 302, response.content.decode()[:2000]
    bet = BestBet.objects.get()
    assert (bet.target_kind, bet.target_id) == ("procedure", content["procedure"].pk)
    assert best_bets_on("stp.thunghiem.localhost", "So Ho Tich") == ["Đăng ký khai sinh"]
    assert best_bets_on("syt.thunghiem.localhost", "sổ hộ tịch") == []  # another portal's search


def test_pages_and_documents_by_path_and_the_api_lists_them_for_the_portal(people, province, content):
    justice = province["portals"]["justice"]
    assert pin(people["approver"], justice, "/tin-tuc/tin-2/", queries="tin hai").status_code == 302
    assert pin(people["approver"], justice, f"/van-ban/{content['decision'].pk}/", queries="quy định hộ tịch").status_code == 302
    assert best_bets_on("stp.thunghiem.localhost", "tin hai") == ["Tin hoạt động số 2"]
    body = Client().get("/api/v1/search/", {"q": "quy dinh ho tich", "scope": justice.pk}).json()
    assert [hit["number"] for hit in body["best_bets"]] == ["15/2025/QĐ-UBND"]
    assert content["decision"].pk not in [hit["object_id"] for hit in body["hits"] if hit["kind"] == "document"]


def test_expired_and_unpublished_results_are_not_shown(people, province, content):
    justice = province["portals"]["justice"]
    pin(people["approver"], justice, "/tin-tuc/tin-1/", queries="tin mot")
    pin(people["approver"], justice, "/tin-tuc/tin-3/", queries="tin ba",
        expires_on=(timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    content["articles"][0].unpublish()
    assert best_bets_on("stp.thunghiem.localhost", "tin mot") == []
    assert best_bets_on("stp.thunghiem.localhost", "tin ba") == []


@pytest.mark.parametrize("address, error", [
    ("/khong-co-trang-nay/", "Cổng không có trang nào ở địa chỉ này"),
    ("http://syt.thunghiem.localhost/tin-tuc/", "Địa chỉ phải thuộc cổng stp.thunghiem.localhost"),
    ("/dich-vu-cong/999999/", "Cổng không hiển thị văn bản hay thủ tục nào ở địa chỉ này"),
    ("javascript:alert(1)", "Cổng không có trang nào"),
])
def test_bad_addresses_are_form_errors(people, province, address, error):
    response = pin(people["approver"], province["portals"]["justice"], address)
    assert response.status_code == 200 and error in response.content.decode()
    assert not BestBet.objects.exists()


def test_no_one_pins_on_or_sees_another_portals_best_bets(people, province, content):
    justice, health = province["portals"]["justice"], province["portals"]["health"]
    pin(people["approver"], justice, "/tin-tuc/tin-1/", queries="tin mot")
    bet = BestBet.objects.get()
    refused = pin(people["other"], justice, "/tin-tuc/tin-1/", queries="chiem cho")
    assert refused.status_code == 200 and "Bạn không quản lý cơ quan này" in refused.content.decode()
    assert "tin mot" not in people["other"].get("/admin/best_bets/").content.decode()
    assert people["other"].get(f"/admin/best_bets/edit/{bet.pk}/").status_code in (302, 403, 404)
    assert people["other"].post(f"/admin/best_bets/delete/{bet.pk}/").status_code in (302, 403, 404)
    assert BestBet.objects.filter(pk=bet.pk).exists()
    assert people["editor"].get(ADD).status_code in (302, 403)  # editors do not pin; approvers do
    assert health.approvers_group.permissions.filter(codename="add_bestbet").exists()
