"""Which hostnames are served: the portals', their old names', and the admin's own host even when
ALLOWED_HOSTS lets it in through a ".domain" wildcard only (deploy/cong.env.example does); a
made-up subdomain under the same wildcard is a 404 before any view runs."""

import pytest

from sites.routing import ROUTING

pytestmark = pytest.mark.django_db


@pytest.fixture
def deployment_hosts(province, settings):
    settings.ALLOWED_HOSTS = [".thunghiem.localhost", ".thanhson.gov.vn"]
    settings.WAGTAILADMIN_BASE_URL = "https://quantri.thanhson.gov.vn"
    ROUTING.bump()  # the served hostnames are kept per routing generation
    yield
    ROUTING.bump()


@pytest.mark.parametrize("host, status", [
    ("quantri.thanhson.gov.vn", 302),  # the admin's host: the sign-in page
    ("stp.thunghiem.localhost", 302),  # a portal's host serves the admin too
    ("bia.thanhson.gov.vn", 404),  # let in by the wildcard, served by nothing
])
def test_the_admin_host_is_served_under_a_wildcard(deployment_hosts, client, host, status):
    assert client.get("/admin/", HTTP_HOST=host).status_code == status
