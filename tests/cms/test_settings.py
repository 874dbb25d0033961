import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env):
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS")}
    env.update(extra_env)
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


DEPLOYMENT = {"SECRET_KEY": "k" * 20 + "a-real-deployment-secret-5f2c9e7b1d", "ALLOWED_HOSTS": ".thanhson.gov.vn",
              "WAGTAILADMIN_BASE_URL": "https://quantri.thanhson.gov.vn"}


def test_production_settings_pass_check_deploy():
    result = run_check(DEPLOYMENT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("base_url", [None, "http://localhost:8000", "quantri.thanhson.gov.vn"])
def test_a_deployment_without_the_admins_public_address_fails_the_checks(base_url):
    environment = {key: value for key, value in DEPLOYMENT.items() if key != "WAGTAILADMIN_BASE_URL"}
    if base_url is not None:
        environment["WAGTAILADMIN_BASE_URL"] = base_url
    result = run_check(environment)
    assert result.returncode != 0 and "cong.E010" in result.stdout + result.stderr


@pytest.mark.django_db
def test_password_reset_mail_links_to_the_configured_admin_address(client, superuser, settings, smtp_server):
    settings.WAGTAILADMIN_BASE_URL = "https://quantri.thanhson.gov.vn"
    response = client.post("/admin/password_reset/", {"email": superuser.email}, HTTP_HOST="localhost")
    assert response.status_code == 302
    [mail] = smtp_server.messages
    assert "https://quantri.thanhson.gov.vn/admin/password_reset/confirm/" in smtp_server.text(mail)
