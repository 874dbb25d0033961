"""Reading aids in Chromium without JavaScript: a citizen makes the text larger and turns on high
contrast with the links at the top; every page after keeps them; axe-core finds nothing."""

import pytest

from tests.e2e.conftest import PORTALS
from tests.e2e.test_browser import AXE_TAGS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT_FONT_PX = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


def aids(page):
    return page.get_by_role("group", name="Cỡ chữ")


@pytest.mark.parametrize("portal", list(PORTALS))
def test_larger_text_and_high_contrast_without_javascript(browser, origins, site_content, axe_source, portal):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(origins[portal] + "/tin-tuc/")
    assert page.evaluate(ROOT_FONT_PX) == 16
    aids(page).get_by_role("link", name="A+ (Chữ lớn hơn)").click()
    page.wait_for_url("**/tin-tuc/")
    assert page.evaluate(ROOT_FONT_PX) == 20
    page.get_by_role("link", name="Tương phản cao").click()
    page.wait_for_url("**/tin-tuc/")
    assert page.evaluate(BACKGROUND) == "rgb(0, 0, 0)"
    page.goto(origins[portal] + site_content[portal]["article"])
    assert page.evaluate(ROOT_FONT_PX) == 20 and page.evaluate(BACKGROUND) == "rgb(0, 0, 0)"
    violations = axe_violations(browser, context, page.url, axe_source)
    aids(page).get_by_role("link", name="A- (Chữ nhỏ hơn)").click()
    assert page.evaluate(ROOT_FONT_PX) == 14
    page.get_by_role("link", name="Tương phản thường").click()
    assert page.evaluate(BACKGROUND) != "rgb(0, 0, 0)"
    context.close()
    assert violations == []


def axe_violations(browser, context, url, axe_source):
    """axe-core needs JavaScript: the same page, same cookies, in a context that runs scripts."""
    checker = browser.new_context(locale="vi-VN")
    checker.add_cookies(context.cookies())
    page = checker.new_page()
    page.goto(url)
    page.add_script_tag(path=str(axe_source))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    checker.close()
    return [(violation["id"], [node["target"] for node in violation["nodes"]]) for violation in result["violations"]]
