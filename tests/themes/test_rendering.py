"""Every page type renders in every theme with the Circular 32 layout and Dublin Core metadata."""

import re

import pytest
from django.template import engines

from themes.loaders import theme_resolved_by
from themes.registry import THEMES
from tests.factories import JUSTICE, get, set_theme

DUBLIN_CORE_REQUIRED = ["DC.title", "DC.creator", "DC.date", "DC.description", "DC.publisher", "DC.identifier"]


def page_paths(content):
    return [
        "/", "/gioi-thieu/", "/gioi-thieu/quy-che/", "/gioi-thieu/co-cau-to-chuc/",
        "/gioi-thieu/co-cau-to-chuc/pham-van-d/", "/tin-tuc/", "/tin-tuc/tin-3/", "/tin-tuc/?page=1",
        "/van-ban/", f"/van-ban/{content['decision'].pk}/", "/dich-vu-cong/",
        f"/dich-vu-cong/{content['procedure'].pk}/", "/lien-he/", "/so-do-cong/", "/chi-dao-dieu-hanh/lich-cong-tac/",
    ]


def meta(html, name):
    found = re.search(rf'<meta name="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


@pytest.mark.django_db
@pytest.mark.parametrize("theme", list(THEMES))
def test_every_page_type_renders_with_layout_and_metadata(client, province, content, theme):
    set_theme(province["portals"]["justice"], theme)
    for path in page_paths(content):
        html = get(client, JUSTICE, path).content.decode()
        assert f'data-theme="{theme}"' in html and f"themes/{theme}.css" in html, path
        assert html.count("<h1") == 1, path
        assert 'class="skip-link" href="#main"' in html and 'id="main"' in html, path
        assert 'role="search"' in html and 'action="/tim-kiem/"' in html, path
        assert "Sở Tư pháp tỉnh Thử Nghiệm" in html, path  # full agency name in the header and footer
        for label in ["Trang chủ", "Giới thiệu", "Dịch vụ công trực tuyến", "Sơ đồ cổng"]:
            assert f">{label}</a>" in html, (path, label)
        assert "Cơ quan chủ quản" in html and "©" in html and "Trợ giúp truy cập" in html, path
        for key in ["1", "3", "4"]:
            assert f'accesskey="{key}"' in html, path
        for name in DUBLIN_CORE_REQUIRED:
            assert meta(html, name), (path, name)


@pytest.mark.django_db
def test_detail_routes_carry_their_own_metadata_and_breadcrumb(client, content):
    decision = get(client, JUSTICE, f"/van-ban/{content['decision'].pk}/").content.decode()
    assert meta(decision, "DC.identifier") == "15/2025/QĐ-UBND"
    assert meta(decision, "DC.title") == "Quyết định 15/2025/QĐ-UBND"
    assert '<li><a href="/van-ban/">Văn bản</a></li>' in decision
    assert "status-con-hieu-luc" in decision and "Hướng dẫn" in decision and "123/2015/NĐ-CP" in decision
    procedure = get(client, JUSTICE, f"/dich-vu-cong/{content['procedure'].pk}/").content.decode()
    assert meta(procedure, "DC.title") == "Đăng ký khai sinh" and meta(procedure, "DC.identifier") == "1.001193"
    assert '<li><a href="/dich-vu-cong/">Dịch vụ công trực tuyến</a></li>' in procedure
    article = get(client, JUSTICE, "/tin-tuc/tin-3/").content.decode()
    assert meta(article, "DC.creator") == "Lê Thị C" and meta(article, "DC.source") == "Báo Thử Nghiệm"
    assert meta(article, "DC.identifier") == "http://stp.thunghiem.localhost/tin-tuc/tin-3/"


@pytest.mark.django_db
def test_modern_overrides_only_the_home_layout(client, province, content):
    portal = province["portals"]["justice"]
    set_theme(portal, "classic")
    classic_home = get(client, JUSTICE, "/").content.decode()
    classic_list = get(client, JUSTICE, "/van-ban/").content.decode()
    set_theme(portal, "modern")
    modern_home = get(client, JUSTICE, "/").content.decode()
    modern_list = get(client, JUSTICE, "/van-ban/").content.decode()
    assert 'class="quick-links"' in modern_home and 'class="lead-story"' in modern_home
    assert 'class="quick-links"' not in classic_home and 'class="home-grid"' in classic_home
    # The shared parts (documents, procedures, component portals) still come from the shared templates.
    assert "Xem tất cả văn bản" in modern_home and "Xem tất cả thủ tục" in modern_home
    assert classic_list.replace("classic", "THEME") == modern_list.replace("modern", "THEME")


def test_loader_tries_the_theme_folder_first_then_the_shared_template():
    engine = engines["django"].engine
    with theme_resolved_by(lambda: "modern"):
        modern = engine.get_template("pages/home_page.html")
        shared_list = engine.get_template("pages/news_index_page.html")
    with theme_resolved_by(lambda: "classic"):
        classic = engine.get_template("pages/home_page.html")
    assert modern.origin.name.endswith("themes/templates/themes/modern/pages/home_page.html")
    assert classic.origin.name.endswith("themes/templates/pages/home_page.html")
    assert shared_list.origin.name.endswith("themes/templates/pages/news_index_page.html")


@pytest.mark.django_db
def test_portals_keep_their_own_theme(client, province, content):
    from tests.factories import COMMUNE, PROVINCE

    assert 'data-theme="classic"' in get(client, PROVINCE, "/").content.decode()
    assert 'data-theme="modern"' in get(client, COMMUNE, "/").content.decode()


@pytest.mark.django_db
def test_images_have_alt_text_and_srcset(client, content):
    article = get(client, JUSTICE, "/tin-tuc/tin-3/").content.decode()
    image = re.search(r"<img [^>]*srcset=[^>]*>", article).group(0)
    assert 'alt="Đại biểu dự hội nghị"' in image and " 400w" in image and 'sizes="' in image
    leader = get(client, JUSTICE, "/gioi-thieu/co-cau-to-chuc/pham-van-d/").content.decode()
    assert 'alt="Phạm Văn D"' in leader
    for html in (article, leader, get(client, JUSTICE, "/").content.decode()):
        assert not re.search(r"<img(?![^>]*\balt=)[^>]*>", html)


@pytest.mark.django_db
def test_headings_do_not_skip_levels(client, content):
    for path in page_paths(content):
        html = get(client, JUSTICE, path).content.decode()
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
        assert levels[0] == 1, path
        assert all(after - before <= 1 for before, after in zip(levels, levels[1:])), (path, levels)
