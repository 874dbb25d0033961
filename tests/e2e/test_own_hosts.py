"""No call to any outside service: a citizen on the portals makes the browser ask the portal's own
address only (no outside fonts, scripts or trackers). The admin's roles are checked the same way in
test_admin_language.py."""

from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import PORTALS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def hosts_asked(page, visit):
    asked = set()
    page.on("request", lambda request: asked.add(urlsplit(request.url).hostname))
    visit()
    return asked - {None}


@pytest.mark.parametrize("portal", list(PORTALS))
def test_a_citizen_on_a_portal_asks_no_outside_host(page, origins, site_content, portal):
    def browse():
        for path in ["/", "/tin-tuc/", *site_content[portal].values()]:
            page.goto(origins[portal] + path)
            page.wait_for_load_state("networkidle")

    assert hosts_asked(page, browse) == {PORTALS[portal][0]}
