"""nginx in front (themes/nginx/cong.conf) answers public pages from the files the page cache writes,
and never serves a page older than the last publish."""

import http.client
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from themes.front_server import FrontServer
from tests.factories import JUSTICE, PROVINCE, free_port

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def front(live_server, settings, tmp_path):
    settings.PAGE_FILE_CACHE_ROOT = str(tmp_path / "pages")
    upstream = urlsplit(live_server.url).netloc
    with FrontServer(tmp_path / "nginx", free_port(), upstream, settings.STATIC_ROOT, settings.MEDIA_ROOT,
                     settings.PAGE_FILE_CACHE_ROOT) as server:
        yield server


def fetch(front, host, path, method="GET", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", front.port, timeout=30)
    connection.request(method, path, headers={"Host": host, **(headers or {})})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, response, body


def source(response):
    return response.getheader("X-Page-Cache")


def test_second_request_is_a_file_with_the_same_page_and_headers(front, content):
    status, first, body = fetch(front, JUSTICE, "/tin-tuc/")
    assert status == 200 and source(first) == "miss"
    status, second, same = fetch(front, JUSTICE, "/tin-tuc/")
    assert status == 200 and source(second) == "file" and same == body
    assert second.getheader("Content-Type") == "text/html; charset=utf-8"
    for header in ("Content-Language", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
        assert second.getheader(header) == first.getheader(header), header
    status, not_modified, _ = fetch(front, JUSTICE, "/tin-tuc/", headers={"If-None-Match": second.getheader("ETag")})
    assert status == 304
    assert source(fetch(front, PROVINCE, "/tin-tuc/")[1]) == "miss"


def test_personal_requests_always_reach_django(front, content):
    fetch(front, JUSTICE, "/")
    assert source(fetch(front, JUSTICE, "/")[1]) == "file"
    assert source(fetch(front, JUSTICE, "/?page=2")[1]) != "file"
    for cookie in ("sessionid=abc", "messages=x", "django_language=en"):
        assert source(fetch(front, JUSTICE, "/", headers={"Cookie": cookie})[1]) != "file", cookie
    status, response, _ = fetch(front, JUSTICE, "/tim-kiem/", method="POST")
    assert source(response) != "file"


def test_publishing_replaces_every_file_at_once(front, content):
    from cms.pages.models import NewsArticlePage

    for host in (JUSTICE, PROVINCE):
        fetch(front, host, "/")
        assert source(fetch(front, host, "/")[1]) == "file"
    article = NewsArticlePage(title="Thông báo lịch tiếp công dân", slug="lich-tiep-dan", date="2026-03-01",
                              intro="Sapo", body="<p>x</p>", author="Lê Thị C")
    content["news"].add_child(instance=article)
    article.save_revision().publish()
    status, response, body = fetch(front, JUSTICE, "/")
    assert source(response) == "miss" and "Thông báo lịch tiếp công dân" in body
    assert source(fetch(front, PROVINCE, "/")[1]) == "miss"
    assert source(fetch(front, JUSTICE, "/")[1]) == "file"


def test_only_safe_paths_become_files(front, content, tmp_path):
    for path in ("/khong-ton-tai/", "/tin-tuc", "/tin-tuc/../", "/%2e%2e/%2e%2e/etc/"):
        fetch(front, JUSTICE, path)
    written = sorted(p.relative_to(settings.PAGE_FILE_CACHE_ROOT).as_posix()
                     for p in (tmp_path / "pages").rglob("index.html"))
    assert all("/http/stp.thunghiem.localhost/" in f"/{p}" for p in written)
    assert not any("khong-ton-tai" in p or ".." in p for p in written)
