import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env):
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS")}
    env.update(extra_env)
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_settings_pass_check_deploy():
    result = run_check({"SECRET_KEY": "k" * 20 + "a-real-deployment-secret-5f2c9e7b1d", "ALLOWED_HOSTS": ".thanhson.gov.vn"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_embedded_default_is_flagged_by_check_deploy():
    result = run_check({})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_defaults_are_vietnamese_sqlite_and_database_search(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert "en" in dict(settings.LANGUAGES)
    if not os.environ.get("DATABASE_URL"):
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.admin_backend"
    assert not settings.SEARCH_URL or os.environ.get("SEARCH_URL")
