"""Top-down notices: one record issued by the province (or a department to its units), shown on the
portals it targets, an emergency as a banner on every page there; scheduled expiry takes it down and
the cached pages showing it are purged at once; targeted portals' editors cannot touch it."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.core.models import AgencyKind
from cms.notices.models import Notice
from tests.factories import COMMUNE, HEALTH, JUSTICE, PROVINCE, make_user

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/notices/notice/add/"
STORM = "Cảnh báo bão số 9 đổ bộ"


def issue(owner, title=STORM, *, emergency=True, kinds=(), agencies=(), expire_at=None):
    notice = Notice.objects.create(owner=owner, title=title, body="<p>Người dân chủ động phòng tránh.</p>",
                                   emergency=emergency, target_kinds=list(kinds), expire_at=expire_at, live=False)
    notice.agencies.set(agencies)
    notice.save_revision().publish()
    return notice


def page(host, path="/"):
    response = Client().get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response


def shows(host, title=STORM, path="/"):
    return title in page(host, path).content.decode()


def test_a_notice_reaches_the_kinds_it_names_and_the_issuer_own_portal(province):
    issue(province["root"], kinds=[AgencyKind.COMMUNE])
    assert {host: shows(host, path="/tin-tuc/") for host in (PROVINCE, JUSTICE, HEALTH, COMMUNE)} == {
        PROVINCE: True, JUSTICE: False, HEALTH: False, COMMUNE: True}


def test_a_notice_naming_nothing_reaches_every_portal_below_its_issuer(province):
    issue(province["health"], "Lịch tiêm chủng mở rộng")
    notice = Notice.objects.get()
    assert notice.targeted_agency_ids() == {province["health"].pk, province["hospital"].pk}
    assert not shows(PROVINCE, "Lịch tiêm chủng mở rộng") and shows(HEALTH, "Lịch tiêm chủng mở rộng")


def test_a_listed_agency_is_reached_beside_the_kinds(province):
    issue(province["root"], "Bầu cử đại biểu Hội đồng nhân dân", emergency=False,
          kinds=[AgencyKind.COMMUNE], agencies=[province["justice"]])
    assert [shows(host, "Bầu cử đại biểu") for host in (JUSTICE, HEALTH, COMMUNE)] == [True, False, True]


def test_an_ordinary_notice_is_on_the_home_page_and_an_emergency_on_every_page(province):
    issue(province["root"], "Thông báo lịch tiếp công dân", emergency=False)
    issue(province["root"])
    home = page(COMMUNE).content.decode()
    assert 'class="home-notices"' in home and "Thông báo lịch tiếp công dân" in home
    news = page(COMMUNE, "/tin-tuc/").content.decode()
    assert "Thông báo lịch tiếp công dân" not in news
    assert 'class="emergency-notice"' in news and STORM in news and "Người dân chủ động phòng tránh" in news


def test_scheduled_expiry_takes_the_banner_off_cached_pages_at_once(province, settings):
    settings.PAGE_CACHE_SECONDS = 600
    notice = issue(province["root"], kinds=[AgencyKind.COMMUNE], expire_at=timezone.now() + datetime.timedelta(hours=1))
    assert shows(COMMUNE, path="/tin-tuc/")
    assert page(COMMUNE, "/tin-tuc/")["X-Page-Cache"] == "hit"
    Notice.objects.filter(pk=notice.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("publish_scheduled", verbosity=0)
    response = page(COMMUNE, "/tin-tuc/")
    assert response["X-Page-Cache"] == "miss" and STORM not in response.content.decode()
    assert not Notice.objects.get(pk=notice.pk).live


def test_a_notice_purges_only_the_pages_of_the_portals_it_targets(province, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for host in (JUSTICE, COMMUNE):
        for path in ("/", "/tin-tuc/"):
            page(host, path)
    issue(province["root"], "Thông báo tuyển dụng công chức xã", emergency=False, kinds=[AgencyKind.COMMUNE])
    states = {(host, path): page(host, path)["X-Page-Cache"] for host in (JUSTICE, COMMUNE) for path in ("/", "/tin-tuc/")}
    assert states == {(JUSTICE, "/"): "hit", (JUSTICE, "/tin-tuc/"): "hit",
                      (COMMUNE, "/"): "miss", (COMMUNE, "/tin-tuc/"): "hit"}
    issue(province["root"], kinds=[AgencyKind.COMMUNE])
    assert page(COMMUNE, "/tin-tuc/")["X-Page-Cache"] == "miss" and page(JUSTICE, "/tin-tuc/")["X-Page-Cache"] == "hit"


def notice_form(owner, agencies=(), **overrides):
    return {"target_kinds": [AgencyKind.COMMUNE.value], "agencies": [agency.pk for agency in agencies], **nested_form_data({
        "owner": owner.pk, "title": STORM, "body": rich_text("<p>Sơ tán khỏi vùng trũng.</p>"), "link": "",
        "emergency": "on", "go_live_at": "", "expire_at": "", "action-publish": "action-publish", **overrides,
    })}


def test_a_province_administrator_creates_and_publishes_in_one_step(admin_client, province):
    response = admin_client.post(ADD_URL, notice_form(province["root"]))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    notice = Notice.objects.get()
    assert notice.live and notice.target_kinds == [AgencyKind.COMMUNE] and shows(COMMUNE, path="/tin-tuc/")


def test_only_agencies_below_the_issuer_may_be_listed(admin_client, province):
    response = admin_client.post(ADD_URL, notice_form(province["health"], agencies=[province["commune"]]))
    assert response.status_code == 200 and "Chỉ gửi được đến cơ quan trực thuộc" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_targeted_portal_editor_can_neither_see_nor_change_the_notice(province, settings):
    settings.ADMIN_TWO_FACTOR = False
    notice = issue(province["root"], kinds=[AgencyKind.COMMUNE])
    editor = Client()
    editor.force_login(make_user("duyet-xtl", province["portals"]["commune"].approvers_group))
    assert editor.get(f"/admin/snippets/notices/notice/edit/{notice.pk}/").status_code in (302, 403, 404)
    assert editor.post(f"/admin/snippets/notices/notice/delete/{notice.pk}/").status_code in (302, 403, 404)
    assert editor.post(f"/admin/snippets/notices/notice/unpublish/{notice.pk}/").status_code in (302, 403, 404)
    assert Notice.objects.get(pk=notice.pk).live and shows(COMMUNE, path="/tin-tuc/")


def test_a_department_issues_to_its_units_and_never_touches_the_province_notice(province, settings):
    settings.ADMIN_TWO_FACTOR = False
    group = province["portals"]["health"].approvers_group
    group.permissions.add(*Permission.objects.filter(content_type__app_label="notices"))
    province_notice = issue(province["root"], kinds=[AgencyKind.UNIT])
    own = issue(province["health"], "Lịch khám sức khỏe định kỳ", emergency=False)
    approver = Client()
    approver.force_login(make_user("duyet-syt", group))
    listing = approver.get("/admin/snippets/notices/notice/").content.decode()
    assert "Lịch khám sức khỏe định kỳ" in listing and STORM not in listing
    assert approver.get(f"/admin/snippets/notices/notice/edit/{own.pk}/").status_code == 200
    assert approver.get(f"/admin/snippets/notices/notice/edit/{province_notice.pk}/").status_code in (302, 403, 404)
    refused = approver.post(ADD_URL, notice_form(province["root"], title="Giả danh tỉnh"))
    assert refused.status_code == 200 and not Notice.objects.filter(title="Giả danh tỉnh").exists()
