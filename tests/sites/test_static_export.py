"""The offline mirror: `manage.py portal export-static` bakes a portal; with every app server down,
the shipped nginx configuration serves the copy, and every internal link of every page in it leads
somewhere that answers (a page, a list's next page, a document file, or the page saying the
function needs the application)."""

import datetime
import http.client
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from cms.core.local_servers import free_port
from cms.pages.models import NewsArticlePage
from themes.front_server import FrontServer
from tests.factories import JUSTICE, publish_child

pytestmark = pytest.mark.django_db

LINK = re.compile(r'\s(?:href|src|action)="([^"]*)"')
SRCSET = re.compile(r'\ssrcset="([^"]*)"')


@pytest.fixture
def long_news(content):
    """More news than one list page holds (20): the list has a second page."""
    for number in range(4, 26):
        publish_child(content["news"], NewsArticlePage(
            title=f"Tin hoạt động số {number}", slug=f"tin-{number}", date=datetime.date(2026, 2, number),
            intro="Sapo.", body="<p>Nội dung.</p>", author="Lê Thị C", origin="tin-goc"))
    return content


@pytest.fixture
def mirror(long_news, tmp_path):
    root = tmp_path / "offline"
    call_command("portal", "export-static", JUSTICE, str(root / JUSTICE), stdout=open("/dev/null", "w"))
    return root


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": JUSTICE})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def links_of(body, page_path):
    """Internal links of a page, read with a pattern of this test's own."""
    text = body.decode()
    found = LINK.findall(text) + [part.split()[0] for srcset in SRCSET.findall(text) for part in srcset.split(",")]
    for link in found:
        parts = urlsplit(urljoin(f"http://{JUSTICE}{page_path}", link.replace("&amp;", "&")))
        if parts.scheme in ("http", "https") and parts.hostname == JUSTICE and not link.startswith("#"):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(port, mirror_dir):
    """Every internal link reachable from the home through nginx: {path: status}."""
    statuses, waiting = {}, ["/"]
    while waiting:
        path = waiting.pop()
        if path in statuses:
            continue
        if path.startswith(settings.STATIC_URL):  # nginx serves these from STATIC_ROOT; the copy holds them too
            statuses[path] = 200 if (mirror_dir / path.lstrip("/")).is_file() else 404
            continue
        response, body = fetch(port, path)
        statuses[path] = response.status
        if response.status == 200 and response.getheader("Content-Type", "").startswith("text/html"):
            waiting += [link for link in links_of(body, path) if link not in statuses]
    return statuses


def test_nginx_serves_the_copy_with_every_link_answering_while_the_application_is_down(mirror, tmp_path, content):
    dead_app = f"127.0.0.1:{free_port()}"
    with FrontServer(tmp_path / "nginx", free_port(), dead_app, settings.STATIC_ROOT, settings.MEDIA_ROOT,
                     tmp_path / "pages", offline_mirror_root=mirror) as front:
        statuses = crawl(front.port, mirror / JUSTICE)
        home, _body = fetch(front.port, "/")
        document, pdf = fetch(front.port, next(path for path in statuses if path.startswith("/documents/")))
    assert home.getheader("X-Offline-Mirror") == "1" and home.getheader("Content-Type") == "text/html; charset=utf-8"
    assert {path: status for path, status in statuses.items() if status != 200} == {}
    assert "/tin-tuc/__trang-2/" in statuses and "/ngoai-tuyen/" in statuses and "/tin-tuc/tin-25/" in statuses
    assert f"/van-ban/{content['decision'].pk}/" in statuses and pdf.startswith(b"%PDF")
    assert not any("?" in path for path in statuses), "a query link left in the copy"
    assert len(statuses) >= 40, len(statuses)


def test_a_second_run_replaces_each_copy_whole(mirror, long_news, province, settings):
    """Run again for every portal (--all, into OFFLINE_MIRROR_ROOT): the unpublished article is gone."""
    target = mirror / JUSTICE
    first = sorted(path.relative_to(target) for path in target.rglob("*") if path.is_file())
    long_news["articles"][0].unpublish()
    settings.OFFLINE_MIRROR_ROOT = str(mirror)
    call_command("portal", "export-static", "--all", stdout=open("/dev/null", "w"))
    second = sorted(path.relative_to(target) for path in target.rglob("*") if path.is_file())
    assert Path("tin-tuc/tin-1/index.html") in first and Path("tin-tuc/tin-1/index.html") not in second
    assert Path("tin-tuc/tin-2/index.html") in second
    hosts = sorted(portal.site.hostname for portal in province["portals"].values())
    assert sorted(path.name for path in mirror.iterdir()) == hosts  # one copy each, nothing left half-built
