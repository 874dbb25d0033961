"""News from the portal being replaced (tests/data/imports: a WordPress export, an RSS feed and a
crawled copy of the old site read with its CSS selectors): each
published post becomes an article of the portal's news section, its HTML kept to what the editor
allows (no script, no event handler), its image in the portal's collection, its old address a
permanent redirect; drafts, pages and attachments are listed as not mapped; a second run writes
nothing; a dry run writes nothing."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from cms.imports.news import import_news, read_mirror, read_posts
from cms.pages.models import NewsArticlePage

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data" / "imports"


@pytest.fixture
def justice(province):
    return province["portals"]["justice"]


def test_a_wordpress_export_becomes_articles_with_redirects(justice):
    posts, not_mapped = read_posts(DATA / "wordpress.xml")
    assert [reason.split(" (")[0] for _label, reason in not_mapped] == [
        "chưa đăng trên cổng cũ", "không phải tin bài", "không phải tin bài"]
    unsigned = import_news(justice, posts, media_dir=DATA / "media")
    assert [outcome.action for outcome in unsigned.outcomes] == ["published", "error"]
    assert "--author" in unsigned.outcomes[1].detail  # nothing is signed in someone's name without being told
    report = import_news(justice, posts, media_dir=DATA / "media", author="Ban biên tập")
    assert [outcome.action for outcome in report.outcomes] == ["unchanged", "published"]
    article = NewsArticlePage.objects.get(slug="hoi-nghi-trien-khai-cong-tac-tu-phap-nam-2025")
    assert article.live and article.author == "Văn phòng Sở" and str(article.date) == "2025-05-13"
    assert article.intro == "Sở Tư pháp triển khai nhiệm vụ trọng tâm năm 2025."
    assert "<script" not in article.body and "onclick" not in article.body and "<img" not in article.body
    assert 'href="http://stp-cu.thunghiem.gov.vn/thu-tuc/"' in article.body
    assert article.image.title == "Quang cảnh hội nghị" and article.image.collection == justice.collection
    signed_for = NewsArticlePage.objects.get(slug="tuyen-truyen-luat-ho-tich")
    assert signed_for.live and signed_for.author == "Ban biên tập"
    redirect = Redirect.objects.get(site=justice.site, old_path="/2025/05/hoi-nghi-trien-khai-cong-tac-tu-phap-nam-2025")
    assert redirect.redirect_page.specific == article and redirect.is_permanent
    response = Client(HTTP_HOST=justice.site.hostname).get("/2025/05/hoi-nghi-trien-khai-cong-tac-tu-phap-nam-2025/")
    assert response.status_code == 301 and response["Location"].endswith(article.url)


def test_a_second_run_writes_nothing_and_a_dry_run_nothing_at_all(justice):
    posts, _not_mapped = read_posts(DATA / "wordpress.xml")
    dry = import_news(justice, posts, media_dir=DATA / "media", author="Ban biên tập", dry_run=True)
    assert dry.count("published") == 2 and not NewsArticlePage.objects.filter(slug__startswith="hoi-nghi-trien").exists()
    assert dry.notes == [] and not get_image_model().objects.filter(title="Quang cảnh hội nghị").exists()
    import_news(justice, posts, media_dir=DATA / "media", author="Ban biên tập")
    articles, redirects = NewsArticlePage.objects.count(), Redirect.objects.count()
    again = import_news(justice, posts, media_dir=DATA / "media", author="Ban biên tập")
    assert again.count("unchanged") == 2
    assert (NewsArticlePage.objects.count(), Redirect.objects.count()) == (articles, redirects)


def test_an_rss_feed_and_the_command(justice):
    out = io.StringIO()
    call_command("import_news", justice.site.hostname, str(DATA / "tin-tuc.rss"), stdout=out)
    text = out.getvalue()
    assert "[1/1] + http://stp-cu.thunghiem.gov.vn/tin-tuc/so-ket-cong-tac-hoa-giai.html published" in text
    assert "Không có liên kết: thiếu tiêu đề hoặc địa chỉ cũ" in text and "1 ghi chú" in text
    article = NewsArticlePage.objects.get(title="Sơ kết công tác hòa giải ở cơ sở 6 tháng đầu năm")
    assert str(article.date) == "2025-07-07" and article.author == "Văn phòng Sở"


def test_a_crawled_copy_of_the_old_site_read_with_its_selectors(justice):
    selectors = json.loads((DATA / "mirror" / "selectors.json").read_text())
    posts, not_mapped = read_mirror(DATA / "mirror", selectors)
    assert [reason for _url, reason in not_mapped] == ["không phải trang tin bài (không khớp bộ chọn)", "không có tệp trong bản sao"]
    report = import_news(justice, posts, media_dir=DATA / "media", author="Ban biên tập")
    assert [outcome.action for outcome in report.outcomes] == ["published", "published"]
    article = NewsArticlePage.objects.get(title="Tập huấn nghiệp vụ chứng thực cho cán bộ cấp xã")
    assert str(article.date) == "2025-08-15" and article.author == "Phòng Hành chính tư pháp"
    assert article.intro == "Hơn 120 công chức tư pháp - hộ tịch cấp xã tham dự lớp tập huấn."
    assert "evil.example" not in article.body and "onmouseover" not in article.body and article.image is not None
    assert "chứng thực bản sao từ bản chính" in article.body
    assert Redirect.objects.filter(site=justice.site, old_path="/tin-tuc/ngay-phap-luat-viet-nam").exists()
    out = io.StringIO()
    call_command("import_news", justice.site.hostname, str(DATA / "mirror"), selectors=str(DATA / "mirror" / "selectors.json"),
                 stdout=out)
    assert "0 mới (nháp), 0 mới và đã xuất bản, 0 thay đổi, 2 không đổi" in out.getvalue()


def test_an_image_address_cannot_reach_outside_the_media_folder(justice, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes((DATA / "media" / "wp-content/uploads/2025/05/hoi-nghi.png").read_bytes())
    media = tmp_path / "media"
    (media / "anh").mkdir(parents=True)
    (media / "anh" / "gia.png").write_bytes(b"not a png at all")
    post = read_posts(DATA / "wordpress.xml")[0][0]
    for src in ("/../secret.png", "/anh/gia.png"):
        post.body, post.old_url = f'<p>Bài.</p><img src="{src}">', f"http://cu.example/{src.strip('/')}-bai"
        report = import_news(justice, [post], media_dir=media, author="Ban biên tập")
        assert report.notes == [(post.old_url, f"không có tệp ảnh {src}")]
    assert not NewsArticlePage.objects.exclude(image=None).exists()
