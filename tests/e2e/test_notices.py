"""Province-wide notices as a citizen sees them in Chromium: an emergency banner above every page of
the targeted portals and an ordinary notice on their home pages, in both themes, with axe-core at 0."""

import pytest

from cms.core.models import AgencyKind
from cms.notices.models import Notice
from tests.e2e.conftest import PORTALS
from tests.e2e.test_reading_aids import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def issue(owner, title, **fields):
    notice = Notice.objects.create(owner=owner, title=title, body="<p>Chi tiết xem tại liên kết.</p>",
                                   link="https://thunghiem.gov.vn/thong-bao/", live=False, **fields)
    notice.save_revision().publish()


@pytest.fixture
def notices(province, site_content):
    """Issued before the browser starts (Playwright's loop then runs in this thread)."""
    issue(province["root"], "Cảnh báo lũ quét trên các sông suối", emergency=True)
    issue(province["root"], "Lịch tiếp công dân tháng 12", target_kinds=[AgencyKind.DEPARTMENT, AgencyKind.COMMUNE])


def test_banner_on_every_page_and_notice_on_the_home_page(notices, browser, origins, site_content, axe_source):
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    violations = {}
    for portal in PORTALS:
        page.goto(origins[portal] + "/")
        notices = page.get_by_role("region", name="Thông báo")
        assert notices.get_by_text("Lịch tiếp công dân tháng 12", exact=True).is_visible()
        page.goto(origins[portal] + site_content[portal]["article"])
        banner = page.get_by_role("region", name="Cảnh báo khẩn cấp")
        assert banner.is_visible() and "Cảnh báo lũ quét trên các sông suối" in banner.inner_text()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        violations[portal] = [*axe_violations(browser, context, origins[portal] + "/", axe_source),
                              *axe_violations(browser, context, page.url, axe_source)]
    context.close()
    assert violations == {portal: [] for portal in PORTALS}
