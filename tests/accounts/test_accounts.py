"""Admin accounts: passwords, two-factor sign-in, lockout after failed sign-ins, the sign-in log."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from cms.accounts.models import GroupSignInPolicy
from tests.factories import PASSWORD, make_user

LOGIN = "/admin/login/"
HOME = "/admin/"
SETUP = reverse("accounts_two_factor_setup")
VERIFY = reverse("accounts_two_factor_verify")


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": HOME}, **extra)


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def set_up_second_factor(client):
    """Walks the setup screen as a person would; returns the recovery codes shown."""
    response = client.get(SETUP)
    assert response.status_code == 200 and "<svg" in response.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"token": current_code(device), "next": HOME})
    assert response.status_code == 200
    return response.context["codes"]


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_TWO_FACTOR = True


@pytest.fixture
def people(province):
    justice = province["portals"]["justice"]
    return {
        "editor": make_user("bientap", justice.editors_group),
        "approver": make_user("pheduyet", justice.approvers_group),
        "admin": make_user("quantritinh", is_superuser=True),
        "board": make_user("banbientap", Group.objects.get(name="STP — Ban biên tập")),
        "justice": justice,
    }


@pytest.mark.parametrize("password, code", [
    ("Ngan-11-kyt", "password_too_short"),
    ("password1234", "password_too_common"),
    ("384950261738", "password_entirely_numeric"),
])
def test_weak_passwords_are_refused(password, code, db):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert code in {error.code for error in refused.value.error_list}


def test_a_long_uncommon_password_is_accepted(db):
    validate_password("Mua-thu-Ha-Noi-2026")


@pytest.mark.django_db
class TestTwoFactor:
    @pytest.mark.parametrize("role", ["approver", "board", "admin"])
    def test_approvers_and_province_administrators_must_set_up_a_second_factor(self, client, people, two_factor, role):
        assert sign_in(client, people[role].username).status_code == 302
        response = client.get(HOME)
        assert response.status_code == 302 and response["Location"].startswith(SETUP)
        for path in ("/admin/pages/", "/admin/api/main/pages/", "/admin/snippets/", "/admin/reports/site-history/"):
            assert client.get(path).status_code == 302, path
        codes = set_up_second_factor(client)
        assert len(codes) == 10 and client.get(HOME).status_code == 200

    def test_a_wrong_code_is_refused_with_a_message(self, client, people, two_factor):
        sign_in(client, "pheduyet")
        client.get(SETUP)
        response = client.post(SETUP, {"token": "000000"})
        assert response.status_code == 200 and "Mã không đúng" in response.content.decode()
        assert not TOTPDevice.objects.filter(confirmed=True).exists()

    def test_the_next_sign_in_asks_for_a_code_and_a_recovery_code_works_once(self, client, people, two_factor):
        sign_in(client, "pheduyet")
        codes = set_up_second_factor(client)
        client.post(reverse("wagtailadmin_logout"))
        sign_in(client, "pheduyet")
        response = client.get("/admin/pages/")
        assert response.status_code == 302 and response["Location"].startswith(VERIFY)
        assert client.post(VERIFY, {"token": codes[0], "next": "/admin/pages/"})["Location"] == "/admin/pages/"
        client.post(reverse("wagtailadmin_logout"))
        sign_in(client, "pheduyet")
        response = client.post(VERIFY, {"token": codes[0]})
        assert response.status_code == 200 and "Mã không đúng, đã dùng" in response.content.decode()

    def test_a_code_from_the_app_verifies_the_session(self, client, people, two_factor):
        device = TOTPDevice.objects.create(user=people["approver"], name="authenticator", confirmed=True)
        sign_in(client, "pheduyet")
        response = client.post(VERIFY, {"token": current_code(device), "next": "https://ke-gian.example/"})
        assert response.status_code == 302 and response["Location"] == HOME  # no open redirect
        assert client.get(HOME).status_code == 200

    def test_editors_sign_in_with_a_password_unless_their_group_asks_for_more(self, client, people, two_factor):
        sign_in(client, "bientap")
        assert client.get(HOME).status_code == 200
        GroupSignInPolicy.objects.create(group=people["justice"].editors_group, two_factor_required=True)
        response = client.get(HOME)
        assert response.status_code == 302 and response["Location"].startswith(SETUP)

    def test_only_province_administrators_set_the_groups_policy(self, client, people, two_factor):
        url = reverse("group_sign_in_policies:index")
        client.force_login(people["editor"])
        assert client.get(url).status_code in (302, 403)
        TOTPDevice.objects.create(user=people["admin"], name="authenticator", confirmed=True)
        client.force_login(people["admin"])
        assert client.get(url).status_code == 302  # a second factor first


@pytest.mark.django_db
class TestLockout:
    def test_five_failures_lock_the_username_from_that_address_with_a_vietnamese_message(self, client, people):
        statuses = [sign_in(client, "bientap", "sai-mat-khau-roi").status_code for _ in range(5)]
        assert statuses == [200] * 4 + [429]
        response = sign_in(client, "bientap")  # even the right password now
        assert response.status_code == 429 and "Tạm khóa đăng nhập" in response.content.decode()
        assert "15 phút" in response.content.decode()
        assert sign_in(client, "pheduyet").status_code == 302  # another account from the same address

    def test_the_lock_follows_the_real_client_behind_the_proxy(self, client, people, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
        for number in range(6):
            spoofed = {**attacker, "HTTP_X_FORWARDED_FOR": f"203.0.113.{number}, 198.51.100.7"}
            sign_in(client, "bientap", "sai-mat-khau-roi", **spoofed)
        assert sign_in(client, "bientap", **attacker).status_code == 429
        colleague = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
        assert sign_in(client, "bientap", **colleague).status_code == 302

    def test_sign_ins_failures_and_locks_are_in_the_audit_log_for_province_administrators(self, client, people):
        sign_in(client, "bientap", "sai-mat-khau-roi", REMOTE_ADDR="198.51.100.9")
        sign_in(client, "bientap", REMOTE_ADDR="198.51.100.9")
        entries = ModelLogEntry.objects.for_instance(people["editor"]).order_by("timestamp")
        assert [(entry.action, entry.data["address"]) for entry in entries] == [
            ("cong.signin.failed", "198.51.100.9"), ("cong.signin", "198.51.100.9")]
        history = reverse("wagtailadmin_reports:site_history")
        client.force_login(people["admin"])
        assert "Đăng nhập thất bại" in client.get(history).content.decode()
        client.force_login(people["editor"])
        assert "Đăng nhập thất bại" not in client.get(history).content.decode()


def test_an_admin_session_lasts_the_configured_hours(client, people, settings):
    settings.SESSION_COOKIE_AGE = 2 * 3600
    sign_in(client, "bientap")
    assert client.session.get_expiry_age() == 2 * 3600
