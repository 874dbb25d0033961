"""A citizen subscribes in Chromium: fills the form (no JavaScript), the confirmation goes out over
SMTP, the link from that message confirms, a new document arrives by mail, and its one-click link
unsubscribes. axe-core finds nothing on the form. (The worker's signal handlers need the main
thread, which Playwright holds: the jobs' bodies run here; tests/cms/test_subscriptions.py runs
the same through the worker.)"""

import re
import pytest
from cms.engagement.models import Subscription
from cms.engagement.subscriptions import send_confirmation, send_due
from tests.e2e.conftest import in_another_thread
from tests.e2e.test_reading_aids import axe_violations
from tests.factories import make_document

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LINK = re.compile(r"http://\S+/nhan-tin/(?:xac-nhan|huy)/\S+/")


def link_in(mailbox, index):
    address = LINK.search(mailbox.text(mailbox.messages[index])).group(0)
    return address.split("/", 3)[3]


def test_subscribe_confirm_and_unsubscribe_from_the_mail(smtp_server, browser, origins, site_content, axe_source,
                                                          province, taxonomy):
    origin = origins["justice"]
    context = browser.new_context(java_script_enabled=False, locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(origin + "/")
    page.get_by_role("link", name="Nhận tin qua thư điện tử").click()
    violations = axe_violations(browser, context, page.url, axe_source)
    page.get_by_label("Thư điện tử").fill("cong.dan@example.vn")
    page.get_by_role("radio", name="Văn bản").check()
    page.get_by_label("Loại văn bản").select_option(label="Quyết định")
    page.get_by_role("button", name="Đăng ký").press("Enter")
    assert "Kiểm tra hộp thư để xác nhận" in page.get_by_role("heading", level=1).inner_text()

    in_another_thread(lambda: send_confirmation.call(Subscription.objects.get().pk))
    page.goto(f"{origin}/{link_in(smtp_server, 0)}")
    page.get_by_role("button", name="Xác nhận").click()
    assert page.get_by_role("status").is_visible()

    def publish_and_send():
        make_document(province["justice"], taxonomy["decision"], "90/2026/QĐ-STP", abstract="Quy định mới về hộ tịch")
        send_due()

    in_another_thread(publish_and_send)
    assert "Quy định mới về hộ tịch" in smtp_server.text(smtp_server.messages[1])
    page.goto(f"{origin}/{link_in(smtp_server, 1)}")
    page.get_by_role("button", name="Hủy đăng ký").click()
    assert "Đã hủy đăng ký" in page.get_by_role("heading", level=1).inner_text()
    context.close()
    assert in_another_thread(lambda: Subscription.objects.count()) == 0
    assert violations == []
