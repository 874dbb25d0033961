"""Two app servers behind the shipped nginx, sharing PostgreSQL, Redis and the media and page-file
folders (README, "Production"): what one does, the other and nginx show at once."""

import re

import pytest
import requests
from django.conf import global_settings, settings
from django.db import connection
from django.test import override_settings
from wagtail.test.utils.form_data import querydict_from_html

from cms.core.local_servers import AppServer, RedisServer, free_port
from tests.factories import JUSTICE
from themes.front_server import FrontServer

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="the app servers share a PostgreSQL database"),
]
PASSWORD = "mat-khau-manh-123"
API_REQUESTS_A_MINUTE = 6


def database_url():
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """Static files collected with their manifest, which the app servers' pages name (a deployment
    also compresses them; the servers do not need that)."""
    from django.core.management import call_command

    root = tmp_path_factory.mktemp("static")
    manifest = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(STATIC_ROOT=root, STORAGES={**settings.STORAGES, "staticfiles": manifest}):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture
def stack(tmp_path, collected_static, content):
    """Redis, two gunicorns on the test database and one nginx with both as its upstream."""
    with RedisServer(tmp_path / "redis") as redis:
        env = {"DATABASE_URL": database_url(), "CACHE_URL": redis.url, "STATIC_ROOT": str(collected_static),
               "MEDIA_ROOT": str(settings.MEDIA_ROOT), "PAGE_FILE_CACHE_ROOT": str(tmp_path / "pages"),
               "ADMIN_TWO_FACTOR": "0", "API_THROTTLE_RATE": f"{API_REQUESTS_A_MINUTE}/min", "DEBUG": "0"}
        with AppServer(tmp_path / "a", env, workers=1) as a, AppServer(tmp_path / "b", env, workers=1) as b:
            with FrontServer(tmp_path / "nginx", free_port(), [a.address, b.address], collected_static,
                             settings.MEDIA_ROOT, env["PAGE_FILE_CACHE_ROOT"]) as front:
                yield {"a": f"http://{a.address}", "b": f"http://{b.address}", "front": f"http://127.0.0.1:{front.port}"}


@pytest.fixture
def editor_password(superuser):
    """The superuser's password hashed as the servers hash it (the suite's own hasher is faster)."""
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        superuser.set_password(PASSWORD)
        superuser.save()
    return PASSWORD


def page(base, path, session=None, host=JUSTICE):
    response = (session or requests).get(f"{base}{path}", headers={"Host": host}, timeout=30, allow_redirects=False)
    return response.status_code, response.headers.get("X-Page-Cache"), response.text


def sign_in(session, base, username, password):
    session.get(f"{base}/admin/login/", timeout=30)
    response = session.post(f"{base}/admin/login/", timeout=30, allow_redirects=False, data={
        "username": username, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert response.status_code == 302, re.sub(r"<style.*?</style>", "", response.text, flags=re.S)[:1500]


def submit_edit_form(session, base, page_id, **changes):
    url = f"{base}/admin/pages/{page_id}/edit/"
    form = querydict_from_html(session.get(url, timeout=30).text, form_id="page-edit-form")
    data = {**dict(form.lists()), **{name: [value] for name, value in changes.items()},
            "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    response = session.post(url, data=data, timeout=60, allow_redirects=False)
    assert response.status_code == 302, re.sub(r"<style.*?</style>", "", response.text, flags=re.S)[:1500]


def title_of(body):
    return re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1).strip()


def test_what_one_server_publishes_every_server_and_nginx_show_at_once(stack, content, editor_password):
    article = content["articles"][0]
    detail, listing = article.get_url_parts()[2], "/tin-tuc/"
    for base in (stack["a"], stack["b"], stack["front"], stack["front"]):  # every cache warm
        for path in (detail, listing, "/"):
            assert page(base, path)[0] == 200
    assert page(stack["front"], detail)[1] == "file"

    editor = requests.Session()
    sign_in(editor, stack["a"], "quantri", editor_password)
    submit_edit_form(editor, stack["b"], article.pk, title="Lịch tiếp công dân tháng Mười hai",
                     **{"action-publish": "action-publish"})  # the session made on A works on B

    for base in (stack["a"], stack["b"], stack["front"]):
        status, _source, body = page(base, detail)
        assert status == 200 and title_of(body) == "Lịch tiếp công dân tháng Mười hai", base
        for path in (listing, "/"):
            assert "Lịch tiếp công dân tháng Mười hai" in page(base, path)[2], (base, path)

    response = editor.post(f"{stack['a']}/admin/pages/{article.pk}/unpublish/", timeout=30, allow_redirects=False,
                           data={"csrfmiddlewaretoken": editor.cookies["csrftoken"]})
    assert response.status_code == 302
    for base in (stack["b"], stack["front"], stack["a"]):
        assert page(base, detail)[0] == 404, base
        assert "Lịch tiếp công dân tháng Mười hai" not in page(base, listing)[2], base


def test_sessions_and_api_throttles_are_shared(stack, editor_password):
    editor = requests.Session()
    sign_in(editor, stack["b"], "quantri", editor_password)
    assert editor.get(f"{stack['a']}/admin/", timeout=30, allow_redirects=False).status_code == 200
    editor.post(f"{stack['a']}/admin/logout/", data={"csrfmiddlewaretoken": editor.cookies["csrftoken"]}, timeout=30)
    assert editor.get(f"{stack['b']}/admin/", timeout=30, allow_redirects=False).status_code == 302

    statuses = [requests.get(f"{stack[server]}/api/v1/agencies/", timeout=30).status_code
                for server in ("a", "b") * API_REQUESTS_A_MINUTE]
    assert statuses[:API_REQUESTS_A_MINUTE] == [200] * API_REQUESTS_A_MINUTE
    assert set(statuses[API_REQUESTS_A_MINUTE:]) == {429}
