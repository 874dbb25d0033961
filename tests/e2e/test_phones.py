"""Phones first: every page type of both themes at 360 and 414 px in headless Chromium: no
horizontal scrolling, text of 16 px at least, tap targets of 44 px, list rows stacked, the menu and
the filters folded without JavaScript and opened by keyboard and touch, no axe-core violation.

The pages are generated from the model registry: one live page of each page type each portal has,
the detail views of its lists, and the search page, so a new page type is covered the day it is
added to the blueprint."""

import json

import pytest
from wagtail.models import Page

from cms.publishing.sections import section_page
from tests.e2e.conftest import ARTIFACTS, PORTALS
from tests.e2e.test_browser import AXE_TAGS, focused
from tests.factories import gazette_issue, project_page, publish, science_programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (360, 414)
MIN_TEXT_PX = 16
MIN_TARGET_PX = 44
# Controls a thumb must hit (links inside running text are exempt, as in WCAG 2.5.5).
TARGETS = ("header a, header button, header input, header summary, .breadcrumb a, .pagination a, .filters input, "
           ".filters select, .filters button, .fold > summary, .article-tools a, .records .record-title a, "
           ".news-list a, .search-form input, .search-form button")
MEASURE = """([minText, minTarget, targets]) => {
  const visible = el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const small = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || el.closest('.visually-hidden, .skip-link')) continue;
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (hasText && parseFloat(getComputedStyle(el).fontSize) < minText) small.push(el.tagName + ' ' + el.textContent.trim().slice(0, 40));
  }
  const tiny = [...document.querySelectorAll(targets)].filter(visible)
    .filter(el => el.getBoundingClientRect().height < minTarget - 0.5)
    .map(el => el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 40));
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, small, tiny};
}"""


RECORDS = {"cong-bao": gazette_issue, "du-an-dau-tu": project_page, "khoa-hoc": science_programme}


@pytest.fixture
def phone_paths(site_content, province):
    """Per portal: one live page of each page type (records published in the sections that take
    them), its lists' detail views, the search page (read before the browser starts: Django
    refuses queries inside Playwright's event loop)."""
    paths = {}
    for key in PORTALS:
        portal = province["portals"][key]
        for code, make in RECORDS.items():
            if section := section_page(portal, code):
                publish(make(section))
        root = portal.site.root_page
        first_of_type = {}
        for page in Page.objects.live().descendant_of(root, inclusive=True).order_by("path").specific():
            first_of_type.setdefault(type(page), page.url_path[len(root.url_path) - 1:])
        paths[key] = sorted({*first_of_type.values(), *site_content[key].values(), "/tim-kiem/?q=quy+dinh"})
    return paths


def phone(browser, width):
    return browser.new_context(locale="vi-VN", viewport={"width": width, "height": 800}, has_touch=True,
                               is_mobile=True, device_scale_factor=2)


@pytest.mark.parametrize("portal", list(PORTALS))
def test_every_page_type_fits_a_phone_reads_and_taps_well_and_passes_axe(phone_paths, browser, origins, axe_source,
                                                                         portal):
    ARTIFACTS.mkdir(exist_ok=True)
    theme = PORTALS[portal][1]
    problems, report = {}, {}
    for width in WIDTHS:
        context = phone(browser, width)
        page = context.new_page()
        for path in phone_paths[portal]:
            assert page.goto(origins[portal] + path).status == 200, path
            found = page.evaluate(MEASURE, [MIN_TEXT_PX, MIN_TARGET_PX, TARGETS])
            page.add_script_tag(path=str(axe_source))
            axe = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            found["axe"] = [v["id"] for v in axe["violations"]]
            report[f"{width}{path}"] = found
            if found["overflow"] > 0 or found["small"] or found["tiny"] or found["axe"]:
                problems[f"{width}{path}"] = found
            name = path.strip("/").replace("/", "-").replace("?", "-") or "home"
            page.screenshot(path=str(ARTIFACTS / f"phone-{theme}-{width}-{name}.png"), full_page=True)
        context.close()
    (ARTIFACTS / f"phones-{theme}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    assert len(phone_paths[portal]) >= 12
    assert not problems, problems


def menu_links(page):
    return page.get_by_role("navigation", name="Menu chính").get_by_role("link")


@pytest.mark.parametrize("portal", list(PORTALS))
def test_the_menu_folds_on_a_phone_and_opens_by_keyboard_and_by_touch(browser, origins, portal):
    context = phone(browser, 360)
    page = context.new_page()
    page.goto(origins[portal] + "/van-ban/")
    menu = page.locator(".main-nav summary")
    assert not menu_links(page).first.is_visible()
    # 45% with the menu unfolded; the second row of the top bar (reading aids) takes 44 px
    assert page.locator(".site-header").bounding_box()["height"] < 0.35 * 800
    menu.focus()
    assert focused(page)["text"] == "Menu"
    page.keyboard.press("Enter")
    assert menu_links(page).first.is_visible()
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Trang chủ"
    menu.focus()
    page.keyboard.press("Space")
    assert not menu_links(page).first.is_visible()
    menu.tap()
    assert menu_links(page).get_by_text("Dịch vụ công trực tuyến").is_visible()
    menu_links(page).get_by_text("Dịch vụ công trực tuyến").tap()
    page.wait_for_url("**/dich-vu-cong/")
    filters = page.locator(".fold-filters")
    assert not page.locator(".filters button").is_visible()
    filters.locator("summary").tap()
    assert page.locator(".filters button").is_visible()
    context.close()


@pytest.mark.parametrize("portal", list(PORTALS))
def test_wide_screens_show_the_menu_and_filters_unfolded(page, origins, portal):
    page.goto(origins[portal] + "/van-ban/")
    assert not page.locator(".main-nav summary").is_visible()
    assert menu_links(page).get_by_text("Văn bản", exact=True).is_visible()
    assert page.locator(".filters button").is_visible()


@pytest.mark.parametrize("portal", list(PORTALS))
def test_document_rows_stack_with_the_abstract_as_the_link_and_labelled_lines(browser, origins, portal):
    context = phone(browser, 360)
    page = context.new_page()
    page.goto(origins[portal] + "/van-ban/")
    row = page.locator(".records tbody tr").first
    cells = row.locator("td")
    boxes = [cells.nth(index).bounding_box() for index in range(cells.count())]
    assert all(box["x"] == boxes[0]["x"] for box in boxes)  # one under another, not side by side
    assert all(later["y"] > earlier["y"] for earlier, later in zip(boxes, boxes[1:]))
    assert boxes[0]["width"] > 0.8 * 360 - 40
    labels = [cells.nth(index).evaluate("el => getComputedStyle(el, '::before').content") for index in range(1, cells.count())]
    assert labels == ['"Số, ký hiệu: "', '"Ngày ban hành: "', '"Hiệu lực: "']
    context.close()
