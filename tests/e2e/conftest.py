"""Headless Chromium (Debian's /usr/bin/chromium) against a live server on 127.0.0.1 with the test database.

The province's portals get their own hostnames (*.localhost resolves to 127.0.0.1 in Chromium).
Content is created before the browser starts: Playwright's sync API runs an event loop, and Django
refuses database access from a thread that has one, so tests read ids from the content fixture.
"""

import datetime
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connections

from cms.pages.models import NewsArticlePage
from tests.factories import make_document
from tests.factories import child, portal_home, publish_child, set_theme

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# portal key in the province fixture -> (hostname, theme)
PORTALS = {"justice": ("stp.thunghiem.localhost", "classic"), "commune": ("tanlap.thunghiem.localhost", "modern")}

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (scripts/system-packages.sh)", allow_module_level=True)


@pytest.fixture
def site_content(province, taxonomy, content):
    """Both portals with news, a document and a procedure; ids and addresses for the browser."""
    commune = province["portals"]["commune"]
    news = child(portal_home(commune), "tin-tuc")
    publish_child(news, NewsArticlePage(title="Xã Tân Lập ra quân làm đường giao thông nông thôn", slug="lam-duong",
                                        date=datetime.date(2026, 3, 2), intro="Người dân góp công làm đường.",
                                        body="<p>Nội dung</p>", author="Trần Văn B", origin="tin-goc"))
    resolution = make_document(province["commune"], taxonomy["decision"], "05/NQ-HĐND", abstract="Nghị quyết về làm đường",
                               body="<p>Toàn văn</p>")
    for key, (_host, theme) in PORTALS.items():
        set_theme(province["portals"][key], theme)
    return {
        "justice": {"article": "/tin-tuc/tin-3/", "document": f"/van-ban/{content['decision'].pk}/",
                    "procedure": f"/dich-vu-cong/{content['procedure'].pk}/"},
        "commune": {"article": "/tin-tuc/lam-duong/", "document": f"/van-ban/{resolution.pk}/",
                    "procedure": f"/dich-vu-cong/{content['procedure'].pk}/"},
    }


@pytest.fixture
def origins(live_server):
    port = urlsplit(live_server.url).port
    return {key: f"http://{host}:{port}" for key, (host, _theme) in PORTALS.items()}


@pytest.fixture
def browser(site_content, origins):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in the repository (scripts/test does it)")
    return AXE


def in_another_thread(work):
    """Run database work while Playwright's event loop holds this thread; the thread's connection is
    closed after it, so the test database can be dropped at the end."""
    def run():
        try:
            return work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()
