"""English pages in Chromium: a visitor on a translated page of the province portal switches to
English and lands on its translation, with the English interface and menu; switches back; axe-core
finds nothing on the English page."""

from urllib.parse import urlsplit

import pytest

from cms.pages.translations import translate
from tests.e2e.test_reading_aids import axe_violations
from tests.factories import PROVINCE, child, portal_home

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def english_introduction(province, superuser):
    source = child(portal_home(province["portals"]["province"]), "gioi-thieu")
    english = translate(source, "en", superuser)
    english.title, english.intro = "About the province", "The province in brief: people, economy and contacts."
    english.save_revision().publish()
    return english


def test_the_language_switch_lands_on_the_translation(english_introduction, browser, live_server, axe_source):
    origin = f"http://{PROVINCE}:{urlsplit(live_server.url).port}"
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(origin + "/gioi-thieu/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/gioi-thieu/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "About the province"
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    violations = axe_violations(browser, context, page.url, axe_source)
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(origin + "/gioi-thieu/")
    assert page.locator("html").get_attribute("lang") == "vi"
    context.close()
    assert violations == []
