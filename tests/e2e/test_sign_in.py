"""Signing in to the admin in headless Chromium: setting up two-factor sign-in, signing in again
with a recovery code, and the lockout after repeated wrong passwords."""

from base64 import b32decode

import pytest
from django_otp.oath import totp

from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def approver(province, settings):
    settings.ADMIN_TWO_FACTOR = True
    return make_user("pheduyet", province["portals"]["justice"].approvers_group).username


def sign_in(page, admin_url, username, password=PASSWORD):
    page.goto(f"{admin_url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_load_state()


def code_for(key):
    return f"{totp(b32decode(key)):06d}"


def test_two_factor_setup_then_a_recovery_code_on_the_next_sign_in(approver, browser, live_server):
    first = browser.new_context(locale="vi-VN")
    page = first.new_page()
    sign_in(page, live_server.url, approver)
    assert "/admin/xac-thuc-hai-lop/" in page.url
    assert page.locator(".two-factor-qr svg").is_visible()
    page.screenshot(path=str(ARTIFACTS / "two-factor-setup.png"))
    key = page.locator("[data-two-factor-key]").inner_text()
    page.get_by_label("Mã 6 chữ số trong ứng dụng xác thực").fill(code_for(key))
    page.get_by_role("button", name="Xác nhận và bật").click()
    page.locator(".recovery-codes").wait_for()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.screenshot(path=str(ARTIFACTS / "two-factor-recovery-codes.png"))
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    assert page.url.rstrip("/").endswith("/admin")
    first.close()

    second = browser.new_context(locale="vi-VN")
    page = second.new_page()
    sign_in(page, live_server.url, approver)
    assert "/admin/xac-thuc-hai-lop/nhap-ma/" in page.url
    page.get_by_label("Mã xác thực hoặc mã dự phòng").fill(codes[0])
    page.get_by_role("button", name="Xác thực").click()
    assert page.url.rstrip("/").endswith("/admin")
    second.close()


def test_repeated_wrong_passwords_lock_the_sign_in_with_a_message(approver, page, live_server):
    for _ in range(5):
        sign_in(page, live_server.url, approver, "mat-khau-sai-roi")
    assert page.get_by_role("heading", name="Tạm khóa đăng nhập").is_visible()
    assert "15 phút" in page.content()
    sign_in(page, live_server.url, approver)  # the right password is refused while locked
    assert page.get_by_role("heading", name="Tạm khóa đăng nhập").is_visible()
