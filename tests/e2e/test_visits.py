"""A citizen's browser counts a visit without JavaScript and without a tracker: Chromium with scripts
off loads a page, its beacon image answers, and the portal's count for that page goes up by one."""

import pytest

from cms.visits.models import PageVisits
from tests.e2e.conftest import PORTALS, in_another_thread

PHONE = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def counted(path):
    return in_another_thread(lambda: dict(PageVisits.objects.filter(path=path).values_list("portal__site__hostname", "count")))


def test_a_page_load_without_javascript_counts_one_visit(browser, origins, site_content):
    # A citizen's phone: headless Chromium's own user agent is counted as a robot.
    context = browser.new_context(java_script_enabled=False, locale="vi-VN", user_agent=PHONE)
    page = context.new_page()
    path = site_content["commune"]["article"]
    for _load in range(2):
        with page.expect_response(lambda response: "/luot-xem.gif" in response.url) as beacon:
            page.goto(origins["commune"] + path)
        assert beacon.value.status == 200 and beacon.value.headers["content-type"] == "image/gif"
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))
    page.goto(origins["commune"] + path)
    context.close()
    assert counted(path) == {PORTALS["commune"][0]: 3}
    assert requested_hosts == {origins["commune"].split("/")[2]}  # no third party is told
