"""English pages in Chromium: an editor makes the English draft of a page from the page editor; a
visitor on a translated page of the province portal switches to English and lands on its
translation, with the English interface; switches back. axe-core finds nothing on either screen."""

from urllib.parse import urlsplit

import pytest

from cms.pages.translations import translate
from tests.e2e.test_browser import AXE_TAGS
from tests.e2e.test_reading_aids import axe_violations
from tests.e2e.test_sign_in import sign_in
from tests.factories import PROVINCE, child, make_user, portal_home

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


@pytest.fixture
def contact_page_and_editor(english_introduction, province, settings):
    """The province's contact page and one of its editors, made before the browser starts."""
    settings.ADMIN_TWO_FACTOR = False
    portal = province["portals"]["province"]
    return child(portal_home(portal), "lien-he").pk, make_user("bientap.tinh", portal.editors_group).username


def test_an_editor_makes_the_english_draft_from_the_page_editor(contact_page_and_editor, browser, live_server, axe_source):
    contact_id, province_editor = contact_page_and_editor
    admin = browser.new_context(locale="vi-VN").new_page()
    sign_in(admin, live_server.url, province_editor)
    admin.goto(f"{live_server.url}/admin/pages/{contact_id}/edit/")
    admin.locator("#w-slim-header-buttons").get_by_role("button", name="Thao tác").click()
    admin.get_by_role("link", name="Dịch sang English").click()
    admin.add_script_tag(path=str(axe_source))
    result = admin.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    admin.get_by_role("button", name="Tạo bản English").click()
    admin.wait_for_url("**/edit/")
    assert f"/admin/pages/{contact_id}/edit/" not in admin.url and "Đã tạo bản nháp English" in admin.content()
    assert result["violations"] == []
