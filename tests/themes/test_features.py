"""News feeds, print and save for articles, the language switch and the home page weight budget."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from cms.pages.models import NewsArticlePage
from tests.factories import COMMUNE, JUSTICE, PROVINCE, get

HOME_BUDGET_BYTES = 150 * 1024


@pytest.mark.django_db
class TestNewsFeed:
    def test_feed_is_valid_rss_with_the_sections_articles(self, client, content):
        response = get(client, JUSTICE, "/tin-tuc/rss/")
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("title") == "Tin tức, sự kiện — Sở Tư pháp tỉnh Thử Nghiệm"
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == [f"Tin hoạt động số {n}" for n in (3, 2, 1)]
        assert items[0].findtext("link") == "http://stp.thunghiem.localhost/tin-tuc/tin-3/"
        assert items[0].findtext("pubDate") and items[0].findtext("description") == "Sapo của tin số 3."

    def test_text_typed_as_markup_reaches_feed_readers_as_text(self, client, content):
        article = NewsArticlePage.objects.get(slug="tin-3")
        article.intro = 'Xem <script>alert(1)</script> & <img src=x onerror="alert(2)">'
        article.save_revision().publish()
        item = ET.fromstring(get(client, JUSTICE, "/tin-tuc/rss/").content).find("channel").find("item")
        description = item.findtext("description")  # what a reader renders as HTML
        assert "<script" not in description and "<img" not in description
        assert description == "Xem &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=&quot;alert(2)&quot;&gt;"

    def test_feeds_belong_to_their_portal(self, client, content):
        province_feed = ET.fromstring(get(client, PROVINCE, "/tin-tuc/rss/").content)
        assert province_feed.find("channel").findall("item") == []
        get(client, JUSTICE, "/van-ban/rss/", status=404)
        get(client, JUSTICE, "/khong-co/rss/", status=404)

    def test_every_news_section_links_its_feed(self, client, content):
        html = get(client, JUSTICE, "/chi-dao-dieu-hanh/y-kien-chi-dao/").content.decode()
        assert 'type="application/rss+xml"' in html and 'href="/chi-dao-dieu-hanh/y-kien-chi-dao/rss/"' in html
        get(client, JUSTICE, "/chi-dao-dieu-hanh/y-kien-chi-dao/rss/")


@pytest.mark.django_db
class TestPrintAndSave:
    @pytest.mark.parametrize("path", ["/tin-tuc/tin-3/", "/van-ban/{decision}/", "/dich-vu-cong/{procedure}/",
                                      "/gioi-thieu/quy-che/"])
    def test_every_article_offers_print_and_save_links(self, client, content, path):
        path = path.format(decision=content["decision"].pk, procedure=content["procedure"].pk)
        html = get(client, JUSTICE, path).content.decode()
        assert f'href="/ban-in{path}"' in html and f'href="/luu-bai{path}"' in html
        assert 'media="print"' in html

    def test_print_view_applies_the_print_stylesheet_on_screen(self, client, content):
        html = get(client, JUSTICE, "/ban-in/tin-tuc/tin-3/").content.decode()
        assert re.search(r'print\.css" media="all"', html)
        assert '<meta name="robots" content="noindex">' in html and "Tin hoạt động số 3" in html
        assert 'name="DC.identifier" content="http://stp.thunghiem.localhost/tin-tuc/tin-3/"' in html

    def test_save_downloads_a_self_contained_html_file(self, client, content):
        response = get(client, JUSTICE, f"/luu-bai/van-ban/{content['decision'].pk}/")
        assert response["Content-Disposition"] == f'attachment; filename="van-ban-{content["decision"].pk}.html"'
        html = response.content.decode()
        assert "<style>" in html and "--primary" in html and 'rel="stylesheet"' not in html
        assert '<base href="http://stp.thunghiem.localhost/">' in html and "15/2025/QĐ-UBND" in html

    def test_print_and_save_only_serve_public_pages(self, client, content):
        get(client, JUSTICE, "/luu-bai/khong-ton-tai/", status=404)
        get(client, JUSTICE, "/ban-in/van-ban/999999/", status=404)


@pytest.mark.django_db
class TestLanguageSwitch:
    def test_switch_sets_the_cookie_and_returns_to_the_page(self, client, content):
        html = get(client, JUSTICE, "/tin-tuc/").content.decode()
        assert 'href="/ngon-ngu/en/?next=%2Ftin-tuc%2F"' in html and 'hreflang="en"' in html
        response = client.get("/ngon-ngu/en/?next=/tin-tuc/", HTTP_HOST=JUSTICE)
        assert response.status_code == 302 and response["Location"] == "/tin-tuc/"
        assert response.cookies["django_language"].value == "en"
        english = get(client, JUSTICE, "/tin-tuc/").content.decode()
        assert '<html lang="en"' in english and "Skip to main content" in english and 'lang="vi"' in english
        assert 'href="/ngon-ngu/vi/?next=%2Ftin-tuc%2F"' in english and 'hreflang="vi"' in english

    def test_switch_refuses_other_sites_and_unknown_languages(self, client, content):
        response = client.get("/ngon-ngu/en/?next=https://evil.example/", HTTP_HOST=JUSTICE)
        assert response["Location"] == "/"
        get(client, JUSTICE, "/ngon-ngu/fr/", status=404)


def linked_assets(html):
    stylesheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)
    scripts = re.findall(r'<script[^>]* src="/static/([^"]+)"', html)
    return stylesheets + scripts


def inline_script_bytes(html):
    return sum(len(script.encode()) for script in re.findall(r"<script>(.*?)</script>", html, re.S))


@pytest.mark.django_db
@pytest.mark.parametrize("host", [PROVINCE, JUSTICE, COMMUNE])
def test_home_page_weight_without_images_is_under_150_kb(client, content, host):
    html = get(client, host, "/").content.decode()
    assets = linked_assets(html)
    assert "themes/base.css" in assets
    total = len(html.encode()) + sum(Path(finders.find(asset)).stat().st_size for asset in assets)
    assert total < HOME_BUDGET_BYTES, (host, total, assets)
    assert inline_script_bytes(html) < 1024  # no JavaScript framework: the pages work without scripts
