"""Query analytics without personal data: a search counts when its results page's beacon loads (so a
cached results page counts too), a result opened counts through a signed redirect, nothing about the
searcher is kept and personal numbers in a query are masked; each portal's editors see their
portal's queries, the province sees all."""

import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from search.analytics import anonymised
from search.models import QueryDay
from tests.factories import make_procedure, make_user

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36"


@pytest.fixture
def citizen(province, taxonomy, settings):
    settings.SEARCH_URL = ""  # the database answers
    make_procedure(province["justice"], taxonomy["civil_status"], "1.001193", name="Đăng ký khai sinh")
    return Client(HTTP_HOST="stp.thunghiem.localhost", HTTP_USER_AGENT=BROWSER)


def results_page(client, **params):
    html = client.get("/tim-kiem/", params).content.decode()
    beacons = re.findall(r'<img class="visit-beacon" src="([^"]*luot-tim[^"]*)"', html)
    links = [unescape(link) for link in re.findall(r'<h3><a href="([^"]+)"', html)]
    return [unescape(beacon) for beacon in beacons], links


def counts(query):
    row = QueryDay.objects.get(query=query)
    return row.searches, row.empty, row.clicks


@pytest.mark.parametrize("query, stored", [
    ("Đăng  ký KHAI sinh", "đăng ký khai sinh"),
    ("khai sinh cho con số CCCD 001099012345", "khai sinh cho con số cccd [số]"),
    ("gọi 0912 345 678 hoặc an.nguyen@example.vn", "gọi [số] hoặc [e-mail]"),
    ("quyết định 15/2025/QĐ-UBND giai đoạn 2020-2025", "quyết định 15/2025/qđ-ubnd giai đoạn 2020-2025"),
])
def test_personal_numbers_and_addresses_are_masked(query, stored):
    assert anonymised(query) == stored


def test_a_search_and_an_opened_result_are_counted(citizen):
    beacons, links = results_page(citizen, q="Đăng ký khai sinh")
    assert len(beacons) == 1 and links and all(link.startswith("/tim-kiem/mo/?t=") for link in links)
    assert not QueryDay.objects.exists()  # rendering counts nothing: the beacon does
    assert citizen.get(beacons[0]).status_code == 200
    assert counts("đăng ký khai sinh") == (1, 0, 0)
    opened = citizen.get(links[0])
    assert opened.status_code == 302 and "no-store" in opened["Cache-Control"]
    assert "/dich-vu-cong/" in opened["Location"]
    assert counts("đăng ký khai sinh") == (1, 0, 1)


def test_a_query_that_finds_nothing_is_counted_as_such(citizen):
    beacons, _links = results_page(citizen, q="cấp sổ đỏ")
    citizen.get(beacons[0])
    assert counts("cấp sổ đỏ") == (1, 1, 0)


def test_next_pages_and_filters_do_not_count_again(citizen, taxonomy):
    assert results_page(citizen, q="khai sinh", page=2)[0] == []
    assert results_page(citizen, q="khai sinh", sector="ho-tich")[0] == []


def test_robots_forged_links_and_unknown_hosts_count_nothing(citizen, province):
    beacons, links = results_page(citizen, q="khai sinh")
    assert Client(HTTP_HOST="stp.thunghiem.localhost", HTTP_USER_AGENT="Googlebot/2.1").get(beacons[0]).status_code == 200
    assert citizen.get("/luot-tim.gif?t=gia-mao").status_code == 400
    forged = citizen.get("/tim-kiem/mo/?t=" + links[0].split("t=")[1][:-3] + "xyz")
    assert forged.status_code == 400
    assert not QueryDay.objects.exists()


def test_each_portal_sees_its_own_queries_and_the_province_all(citizen, province, settings):
    settings.ADMIN_TWO_FACTOR = False
    justice, health = province["portals"]["justice"], province["portals"]["health"]
    QueryDay.objects.create(portal=justice, day=timezone.localdate(), query="khai sinh", searches=5, clicks=3)
    beacons, _links = results_page(Client(HTTP_HOST="syt.thunghiem.localhost", HTTP_USER_AGENT=BROWSER), q="tiêm chủng bí mật")
    Client(HTTP_HOST="syt.thunghiem.localhost", HTTP_USER_AGENT=BROWSER).get(beacons[0])
    editor, admin = Client(), Client()
    editor.force_login(make_user("bientap.tk", justice.editors_group))
    admin.force_login(make_user("quantri.tk", is_superuser=True, is_staff=True))
    seen_by_editor = editor.get("/admin/tu-khoa-tim-kiem/").content.decode()
    assert "tiêm chủng bí mật" not in seen_by_editor and "<td>khai sinh</td><td>5</td><td>0</td><td>3</td>" in seen_by_editor
    assert editor.get(f"/admin/tu-khoa-tim-kiem/?portal={health.pk}").status_code == 404
    assert "tiêm chủng bí mật" in admin.get("/admin/tu-khoa-tim-kiem/").content.decode()
    assert "tiêm chủng bí mật" not in admin.get(f"/admin/tu-khoa-tim-kiem/?portal={justice.pk}").content.decode()
