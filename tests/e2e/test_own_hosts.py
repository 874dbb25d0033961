"""No call to any outside service: an editor working in the admin and a citizen on the portals
make the browser ask the portal's own address only (no Gravatar, no outside fonts or scripts)."""

from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import PORTALS
from tests.e2e.test_sign_in import sign_in
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADMIN_SCREENS = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/account/",
                 "/admin/reports/locked/"]


@pytest.fixture
def editor(province, settings):
    settings.ADMIN_TWO_FACTOR = False
    return make_user("bientap", province["portals"]["justice"].editors_group).username  # bientap@example.com


def hosts_asked(page, visit):
    asked = set()
    page.on("request", lambda request: asked.add(urlsplit(request.url).hostname))
    visit()
    return asked - {None}


def test_an_editor_in_the_admin_asks_no_outside_host(editor, page, live_server):
    def work():
        sign_in(page, live_server.url, editor)
        for path in ADMIN_SCREENS:
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")

    assert hosts_asked(page, work) == {urlsplit(live_server.url).hostname}


@pytest.mark.parametrize("portal", list(PORTALS))
def test_a_citizen_on_a_portal_asks_no_outside_host(page, origins, site_content, portal):
    def browse():
        for path in ["/", "/tin-tuc/", *site_content[portal].values()]:
            page.goto(origins[portal] + path)
            page.wait_for_load_state("networkidle")

    assert hosts_asked(page, browse) == {PORTALS[portal][0]}
