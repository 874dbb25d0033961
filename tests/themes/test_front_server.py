"""nginx in front (themes/nginx/cong.conf) answers public pages from the files the page cache writes,
and never serves a page older than the last publish."""

import http.client
import json
import socket
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from themes.front_server import FrontServer
from tests.factories import JUSTICE, PROVINCE
from cms.core.local_servers import free_port

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


def test_publishing_replaces_the_files_of_the_portal_showing_it_at_once(front, content):
    from cms.pages.models import NewsArticlePage

    for host in (JUSTICE, PROVINCE):
        fetch(front, host, "/")
        assert source(fetch(front, host, "/")[1]) == "file"
    article = NewsArticlePage(title="Thông báo lịch tiếp công dân", slug="lich-tiep-dan", date="2026-03-01",
                              intro="Sapo", body="<p>x</p>", author="Lê Thị C", origin="tin-goc")
    content["news"].add_child(instance=article)
    article.save_revision().publish()
    status, response, body = fetch(front, JUSTICE, "/")
    assert source(response) == "miss" and "Thông báo lịch tiếp công dân" in body
    assert source(fetch(front, PROVINCE, "/")[1]) == "file"  # the province's home does not show it
    assert source(fetch(front, JUSTICE, "/")[1]) == "file"


def test_only_safe_paths_become_files(front, content, tmp_path):
    for path in ("/khong-ton-tai/", "/tin-tuc", "/tin-tuc/../", "/%2e%2e/%2e%2e/etc/"):
        fetch(front, JUSTICE, path)
    written = sorted(p.relative_to(settings.PAGE_FILE_CACHE_ROOT).as_posix()
                     for p in (tmp_path / "pages").rglob("index.html"))
    assert all("/http/stp.thunghiem.localhost/" in f"/{p}" for p in written)
    assert not any("khong-ton-tai" in p or ".." in p for p in written)


def test_nginx_keeps_the_apis_public_answers_per_portal_and_nothing_else(front, content):
    first = fetch(front, JUSTICE, "/api/v1/documents/?limit=5")
    repeat = fetch(front, JUSTICE, "/api/v1/documents/?limit=5")
    assert first[0] == repeat[0] == 200 and repeat[2] == first[2]
    assert (first[1].getheader("X-Api-Cache"), repeat[1].getheader("X-Api-Cache")) == ("MISS", "HIT")
    assert fetch(front, PROVINCE, "/api/v1/documents/?limit=5")[1].getheader("X-Api-Cache") == "MISS"
    assert fetch(front, JUSTICE, "/api/v1/documents/?limit=6")[1].getheader("X-Api-Cache") == "MISS"
    for path in ("/tin-tuc/?page=1", "/tin-tuc/?page=1", "/tim-kiem/?q=ho+tich", "/tim-kiem/?q=ho+tich"):
        assert fetch(front, JUSTICE, path)[1].getheader("X-Api-Cache") is None, path


@pytest.fixture
def documents(front, settings, province):
    """Through nginx with X-Accel-Redirect: a document in a sign-in-only collection and a public one."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction
    from wagtail.utils.sendfile import _get_sendfile

    settings.SENDFILE_BACKEND, settings.SENDFILE_ROOT = "django_sendfile.backends.nginx", str(settings.MEDIA_ROOT)
    _get_sendfile.clear()
    internal = Collection.get_first_root_node().add_child(instance=Collection(name="Nội bộ"))
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    document_model = get_document_model()
    yield {
        "restricted": document_model.objects.create(title="Biên bản họp kín", collection=internal,
                                                    file=SimpleUploadedFile("bien-ban-hop-kin.pdf", b"%PDF-1.4 secret")),
        "public": document_model.objects.create(title="Báo cáo", file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 public")),
    }
    _get_sendfile.clear()


def test_restricted_documents_never_leave_nginx_without_django(front, documents):
    restricted = documents["restricted"]
    status, response, body = fetch(front, JUSTICE, restricted.url)
    assert status == 302 and "/login/" in response.getheader("Location") and "secret" not in body
    assert restricted.file.name != f"documents/{restricted.filename}"  # no path to guess from the name
    for path in (f"/media/{restricted.file.name}", f"/media/documents/{restricted.filename}",
                 f"/protected-media/{restricted.file.name}"):
        status, _response, body = fetch(front, JUSTICE, path)
        assert status == 404 and "secret" not in body, path


def test_public_documents_are_sent_by_nginx_after_django_allows_them(front, documents):
    public = documents["public"]
    status, response, body = fetch(front, JUSTICE, public.url)
    assert status == 200 and body == "%PDF-1.4 public"
    assert response.getheader("X-Accel-Redirect") is None
    assert "bao-cao.pdf" in response.getheader("Content-Disposition")


def test_behind_nginx_a_forwarded_for_header_does_not_reset_the_api_limit(front, settings, province):
    from django.core.cache import cache

    settings.API_THROTTLE_RATE, settings.TRUSTED_PROXY_COUNT = "5/min", 1
    cache.clear()
    spoofed = ("203.0.113.9", "203.0.113.9, 127.0.0.1", "198.51.100.1", "198.51.100.2", "198.51.100.3",
               "198.51.100.4", "198.51.100.5", "198.51.100.6")
    # Each a different address, so that nginx, which keeps the API's answers, passes each to Django.
    statuses = [fetch(front, JUSTICE, f"/api/v1/documents/?limit={number + 1}", headers={"X-Forwarded-For": address})[0]
                for number, address in enumerate(spoofed)]
    assert statuses == [200] * 5 + [429] * 3


def test_beyond_the_app_servers_concurrency_nginx_answers_busy_at_once(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as silent_app:  # accepts, never answers
        silent_app.settimeout(10)
        upstream = f"127.0.0.1:{silent_app.getsockname()[1]}"
        with FrontServer(tmp_path / "busy", free_port(), upstream, tmp_path, tmp_path, tmp_path / "pages",
                         concurrency=1) as front:
            waiting = http.client.HTTPConnection("127.0.0.1", front.port, timeout=30)
            waiting.request("GET", "/tim-kiem/?q=khai+sinh", headers={"Host": JUSTICE})
            held, _address = silent_app.accept()  # the one place in the app is taken
            began = time.monotonic()
            status, response, body = fetch(front, JUSTICE, "/van-ban/?year=2025")
            assert status == 503 and response.getheader("Retry-After") == "5" and "Hệ thống đang bận" in body
            assert response.getheader("Content-Type").startswith("text/html")
            status, response, body = fetch(front, JUSTICE, "/api/v1/documents/")
            assert status == 503 and response.getheader("Retry-After") == "5"
            assert response.getheader("Content-Type") == "application/json" and json.loads(body)["retry_after"] == 5
            assert time.monotonic() - began < 2
            waiting.close()
            held.close()
