"""Two portals with different themes in headless Chromium: keyboard, site map, print, search, axe-core."""

import json

import pytest

from tests.e2e.conftest import ARTIFACTS, PORTALS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SERIOUS = {"serious", "critical"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FOCUS_STYLE = """() => { const el = document.activeElement, style = getComputedStyle(el);
  return {text: el.textContent.trim(), tag: el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth)}; }"""


def focused(page):
    return page.evaluate(FOCUS_STYLE)


def tab_to(page, text, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["text"] == text:
            return state
    raise AssertionError(f"'{text}' is not reachable with Tab")


@pytest.mark.parametrize("portal", list(PORTALS))
def test_keyboard_reaches_the_skip_link_and_the_menu_with_visible_focus(page, origins, portal):
    page.goto(origins[portal] + "/")
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Bỏ qua, đến nội dung chính" and skip["outline"] != "none" and skip["width"] >= 2
    page.keyboard.press("Enter")
    page.wait_for_url("**/#main")
    page.goto(origins[portal] + "/")
    state = tab_to(page, "Tin tức, sự kiện")
    assert state["tag"] == "A" and state["outline"] != "none" and state["width"] >= 2
    page.keyboard.press("Enter")
    page.wait_for_url("**/tin-tuc/")
    assert page.locator("h1").inner_text() == "Tin tức, sự kiện"


@pytest.mark.parametrize("portal", list(PORTALS))
def test_site_map_from_its_shortcut_link_then_a_section(page, origins, portal):
    page.goto(origins[portal] + "/")
    # Headless Chromium ignores accesskey chords sent through the DevTools protocol; the link that
    # carries the key is focused and followed with Enter instead.
    for key in ("1", "3", "4"):
        assert page.locator(f'[accesskey="{key}"]').count() == 1
    page.locator('[accesskey="3"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/so-do-cong/")
    page.locator(".sitemap-tree").get_by_role("link", name="Văn bản", exact=True).click()
    page.wait_for_url("**/van-ban/")
    assert page.locator("h1").inner_text() == "Văn bản"


@pytest.mark.parametrize("portal", list(PORTALS))
def test_print_media_shows_the_article_without_navigation(page, origins, site_content, portal):
    page.goto(origins[portal] + site_content[portal]["article"])
    page.emulate_media(media="print")
    assert page.locator(".main-nav").is_hidden() and page.locator(".search-box").is_hidden()
    assert page.locator(".article-tools").is_hidden() and page.locator("article h1").is_visible()
    page.emulate_media(media="screen")
    page.goto(origins[portal] + "/ban-in" + site_content[portal]["article"])
    assert page.locator(".main-nav").is_hidden() and page.locator("article h1").is_visible()


@pytest.mark.parametrize("portal", list(PORTALS))
def test_search_box_submits_to_the_search_page(page, origins, portal):
    page.goto(origins[portal] + "/van-ban/")
    page.locator("#site-search").fill("hộ tịch")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    assert "/tim-kiem/?q=h%E1%BB%99+t%E1%BB%8Bch" in page.url


@pytest.mark.parametrize("portal", list(PORTALS))
def test_pages_work_without_javascript(browser, origins, site_content, portal):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.goto(origins[portal] + "/")
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Dịch vụ công trực tuyến").click()
    page.wait_for_url("**/dich-vu-cong/")
    page.goto(origins[portal] + site_content[portal]["article"])
    with page.expect_download() as saved:
        page.get_by_role("link", name="Lưu bài").click()
    assert saved.value.suggested_filename == site_content[portal]["article"].strip("/").replace("/", "-") + ".html"
    context.close()


@pytest.mark.parametrize("portal", list(PORTALS))
def test_no_serious_accessibility_violations(page, origins, site_content, axe_source, portal):
    paths = ["/", "/tin-tuc/", "/van-ban/", "/dich-vu-cong/", "/so-do-cong/", *site_content[portal].values()]
    report = {}
    for path in paths:
        page.goto(origins[portal] + path)
        page.add_script_tag(path=str(axe_source))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        report[path] = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
                        for v in result["violations"]]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{PORTALS[portal][1]}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    serious = {path: [v for v in found if v["impact"] in SERIOUS] for path, found in report.items()}
    assert not any(serious.values()), serious


@pytest.mark.parametrize("portal", list(PORTALS))
def test_home_screenshots_desktop_and_mobile_without_horizontal_scroll(browser, origins, portal):
    ARTIFACTS.mkdir(exist_ok=True)
    theme = PORTALS[portal][1]
    for width in (1280, 375):
        context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(origins[portal] + "/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"home-{theme}-{width}.png"), full_page=True)
        context.close()
