"""The manuals in the admin: the user guide for everyone who works there, the administrator guide for
province administrators only, both as a page and as PDF; the help menu leads to them instead of
Wagtail's guide and release notes on wagtail.org."""

import re

import pytest
from django.test import Client

from cms.help.manuals import MANUALS
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(province, settings):
    settings.ADMIN_TWO_FACTOR = False
    users = {"editor": make_user("bientap.hd", province["portals"]["justice"].editors_group),
             "province": make_user("quantri.hd", is_superuser=True, is_staff=True)}
    signed_in = {}
    for role, user in users.items():
        signed_in[role] = Client()
        signed_in[role].force_login(user)
    return signed_in


def test_an_editor_reads_the_user_guide_with_its_screenshots(clients):
    manual = MANUALS["huong-dan-su-dung"]
    response = clients["editor"].get(f"/admin/huong-dan/{manual.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    for chapter in manual.chapters():
        assert chapter in re.sub(r"<[^>]+>", "", page)
    sources = re.findall(r'<img[^>]* src="([^"]+)"', page)
    assert sources == [f"/static/help/screenshots/{name}" for name in manual.screenshots()]


def test_the_administrator_guide_is_for_province_administrators(clients):
    assert clients["editor"].get("/admin/huong-dan/tai-lieu-quan-tri/").status_code == 404
    assert clients["editor"].get("/admin/huong-dan/tai-lieu-quan-tri/pdf/").status_code == 404
    assert "tai-lieu-quan-tri" not in clients["editor"].get("/admin/huong-dan/").content.decode()
    assert clients["province"].get("/admin/huong-dan/tai-lieu-quan-tri/").status_code == 200


def test_unknown_manual_and_anonymous_reader(clients):
    assert clients["province"].get("/admin/huong-dan/khong-co/").status_code == 404
    response = Client().get("/admin/huong-dan/huong-dan-su-dung/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_user_guide_downloads_as_pdf(clients):
    response = clients["editor"].get("/admin/huong-dan/huong-dan-su-dung/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", ["editor", "province"])
def test_the_help_menu_leads_to_the_project_manuals_not_to_wagtail_org(clients, role):
    page = clients[role].get("/admin/").content.decode()
    assert "wagtail.org" not in page and "wagtail.io" not in page
    assert "/admin/huong-dan/huong-dan-su-dung/" in page
    assert ("/admin/huong-dan/tai-lieu-quan-tri/" in page) == (role == "province")
