"""The admin in Vietnamese end to end: an editor, an approver and a province administrator each walk
the admin's main screens in Chromium, and no visible text, label, tooltip or placeholder carries a
known English word (the project's catalogue, locale/vi, over Wagtail's own); nor does the browser
ask any host but the admin's own on the way (no Gravatar, no release check, no outside fonts)."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.e2e.test_sign_in import sign_in
from tests.english import ENGLISH
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = """() => [document.body.innerText,
  ...[...document.querySelectorAll('[aria-label],[title],[placeholder],img[alt]')].map(el =>
    [el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('placeholder'), el.getAttribute('alt')]
    .filter(Boolean).join('\\n'))].join('\\n')"""


def screens(content):
    news, article = content["news"], content["articles"][0]
    return ["/admin/", "/admin/pages/", f"/admin/pages/{news.pk}/", f"/admin/pages/{article.pk}/edit/",
            f"/admin/pages/{article.pk}/history/", "/admin/images/", "/admin/documents/",
            reverse("wagtailsnippets_legal_documents_legaldocument:list"),
            reverse("wagtailsnippets_legal_documents_legaldocument:edit", args=[content["decision"].pk]),
            "/admin/reports/locked/", "/admin/reports/site-history/", "/admin/tuan-thu/", "/admin/luot-truy-cap/",
            "/admin/account/", "/admin/pages/search/?q=tin", "/admin/huong-dan/", "/admin/huong-dan/huong-dan-su-dung/",
            "/admin/tu-khoa-tim-kiem/"]


@pytest.fixture
def users(province, content, settings):
    settings.ADMIN_TWO_FACTOR = False
    justice = province["portals"]["justice"]
    return {
        "editor": make_user("bientap-ngon-ngu", justice.editors_group).username,
        "approver": make_user("duyet-ngon-ngu", justice.approvers_group).username,
        "province": make_user("tinh-ngon-ngu", is_superuser=True, is_staff=True).username,
    }


def english_on(page, origin, paths):
    found = {}
    for path in paths:
        response = page.goto(origin + path)
        if response.status != 200:
            found[path] = [f"HTTP {response.status}"]
            continue
        page.wait_for_load_state("networkidle")
        words = sorted({line.strip() for line in page.evaluate(TEXT).splitlines() if ENGLISH.search(line)})
        if words:
            found[path] = words
    return found


@pytest.mark.parametrize("role", ["editor", "approver", "province"])
def test_every_main_screen_is_in_vietnamese_and_asks_no_outside_host(users, content, browser, live_server, role):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    signed_out = english_on(page, live_server.url, ["/admin/login/", "/admin/password_reset/"])
    sign_in(page, live_server.url, users[role])
    found = signed_out | english_on(page, live_server.url, screens(content))
    page.wait_for_load_state("networkidle")
    context.close()
    assert found == {}
    assert hosts - {None} == {urlsplit(live_server.url).hostname}
