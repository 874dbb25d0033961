"""Visit statistics without trackers: a signed beacon image on every page counts one view per load,
whether the page came from the cache or not; nothing but a count per page and day is stored; each
portal's editors see their own portal's figures, the province sees every portal's and the ranking."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from cms.publishing import compliance
from cms.visits.models import PageVisits, record_visit
from themes.beacon import beacon_url
from tests.factories import HEALTH, JUSTICE, make_user

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
BEACON = re.compile(r'<img class="visit-beacon" src="([^"]+)"')


def beacon_of(host, path):
    response = Client().get(path, HTTP_HOST=host)
    return response, BEACON.search(response.content.decode()).group(1).replace("&amp;", "&")


def views(host_portal, path):
    return sum(PageVisits.objects.filter(portal=host_portal, path=path).values_list("count", flat=True))


def test_each_load_of_a_page_counts_once_cached_or_not(province, settings):
    settings.PAGE_CACHE_SECONDS = 600
    justice = province["portals"]["justice"]
    for expected in (1, 2):
        response, beacon = beacon_of(JUSTICE, "/tin-tuc/")
        pixel = Client().get(beacon, HTTP_HOST=JUSTICE, HTTP_USER_AGENT=BROWSER)
        assert pixel.status_code == 200 and pixel["Content-Type"] == "image/gif" and pixel["Cache-Control"] == "no-store"
        assert views(justice, "/tin-tuc/") == expected
    assert response["X-Page-Cache"] == "hit"
    row = PageVisits.objects.get()
    assert row.day == timezone.localdate() and {field.name for field in PageVisits._meta.fields} == {
        "id", "portal", "path", "day", "count"}  # no address, browser, cookie or time


def test_a_forged_path_or_a_robot_counts_nothing(province):
    _response, beacon = beacon_of(JUSTICE, "/tin-tuc/")
    forged = beacon.replace("tin-tuc", "quang-cao")
    response = Client().get(forged, HTTP_HOST=JUSTICE, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 400 and "không hợp lệ" in response.content.decode()
    assert Client().get(beacon, HTTP_HOST=JUSTICE, HTTP_USER_AGENT="Googlebot/2.1").status_code == 200
    assert Client().get(beacon, HTTP_HOST=JUSTICE).status_code == 200  # no user agent
    assert not PageVisits.objects.exists()


def test_a_page_counts_on_the_portal_serving_it(province):
    pixel = beacon_url("/")
    for host in (JUSTICE, HEALTH, HEALTH):
        Client().get(pixel, HTTP_HOST=host, HTTP_USER_AGENT=BROWSER)
    assert views(province["portals"]["justice"], "/") == 1 and views(province["portals"]["health"], "/") == 2


@pytest.fixture
def counted(province):
    for path, times in (("/", 5), ("/tin-tuc/", 3)):
        for _ in range(times):
            record_visit(province["portals"]["justice"].pk, path)
    record_visit(province["portals"]["health"].pk, "/van-ban/")
    return province


def test_an_editor_sees_the_figures_of_the_own_portal_only(counted, settings):
    settings.ADMIN_TWO_FACTOR = False
    justice, health = counted["portals"]["justice"], counted["portals"]["health"]
    editor = Client()
    editor.force_login(make_user("bientap-stp", justice.editors_group))
    listing = editor.get("/admin/luot-truy-cap/").content.decode()
    assert justice.agency.name in listing and health.agency.name not in listing
    detail = editor.get(f"/admin/luot-truy-cap/{justice.pk}/").content.decode()
    assert "8 lượt xem trong 30 ngày gần nhất" in detail
    assert detail.index("<td><a href=\"http://stp.thunghiem.localhost/\">/</a></td><td>5</td>") < detail.index("/tin-tuc/")
    assert editor.get(f"/admin/luot-truy-cap/{health.pk}/").status_code == 404


def test_the_province_ranking_shows_each_portal_visits(counted, admin_client):
    compliance.snapshot_all()
    listing = admin_client.get("/admin/luot-truy-cap/").content.decode()
    assert all(portal.agency.name in listing for portal in counted["portals"].values())
    ranking = b"".join(admin_client.get("/admin/tuan-thu/?export=csv").streaming_content).decode()
    assert "Lượt truy cập 30 ngày" in ranking.splitlines()[0]
    assert any(line.startswith(tuple("0123456789")) and "stp.thunghiem.localhost" in line and line.endswith(",8")
               for line in ranking.splitlines())
