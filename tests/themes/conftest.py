"""Content for the theme tests: news, a standard page, a leader, documents and a procedure."""

import datetime

import pytest
from django.core.cache import cache
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.documents.models import DocumentRelation
from cms.pages.models import LeaderPage, NewsArticlePage, NewsIndexPage, OrganisationPage, SectionPage, StandardPage
from themes.models import ThemeSettings
from tests.conftest import make_document, make_procedure

PROVINCE = "thunghiem.localhost"
JUSTICE = "stp.thunghiem.localhost"
HEALTH = "syt.thunghiem.localhost"
COMMUNE = "tanlap.thunghiem.localhost"


@pytest.fixture(autouse=True)
def _empty_page_cache(settings, tmp_path):
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "page-cache-generation"
    cache.clear()
    yield
    cache.clear()


def portal_home(portal):
    return portal.site.root_page.specific


def child(parent, slug):
    return parent.get_children().get(slug=slug).specific


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def set_theme(portal, theme):
    settings = ThemeSettings.for_site(portal.site)
    settings.theme = theme
    settings.save()


@pytest.fixture
def content(province, taxonomy):
    portals = province["portals"]
    justice_home = portal_home(portals["justice"])
    news = child(justice_home, "tin-tuc")
    assert isinstance(news, NewsIndexPage)
    image = get_image_model().objects.create(title="Hội nghị tại hội trường Sở", description="Đại biểu dự hội nghị",
                                             file=get_test_image_file(size=(1600, 900)))
    articles = [
        publish_child(news, NewsArticlePage(
            title=f"Tin hoạt động số {number}", slug=f"tin-{number}", date=datetime.date(2026, 1, number),
            intro=f"Sapo của tin số {number}.", body="<p>Nội dung tin.</p>", author="Lê Thị C",
            source="Báo Thử Nghiệm", image=image if number == 3 else None))
        for number in (1, 2, 3)
    ]
    about = child(justice_home, "gioi-thieu")
    standard = publish_child(about, StandardPage(title="Quy chế hoạt động", slug="quy-che", intro="Tóm tắt quy chế",
                                                body="<p>Điều 1.</p>"))
    organisation = child(about, "co-cau-to-chuc")
    assert isinstance(organisation, OrganisationPage)
    leader = publish_child(organisation, LeaderPage(title="Phạm Văn D", slug="pham-van-d", position="Giám đốc Sở",
                                                    biography="<p>Tiểu sử</p>", photo=image))
    decree = make_document(province["root"], taxonomy["decree"], "123/2015/NĐ-CP", issuing_body="Chính phủ",
                           abstract="Quy định chi tiết Luật Hộ tịch", issue_date=datetime.date(2015, 11, 15))
    decision = make_document(province["justice"], taxonomy["decision"], "15/2025/QĐ-UBND",
                             abstract="Ban hành quy định quản lý hộ tịch trên địa bàn tỉnh")
    DocumentRelation.objects.create(source=decision, target=decree, kind="guides")
    procedure = make_procedure(province["justice"], taxonomy["civil_status"], "1.001193", name="Đăng ký khai sinh",
                               result="Giấy khai sinh")
    procedure.implementing_agencies.add(province["commune"])
    procedure.legal_basis.add(decree)
    procedure.save()
    assert isinstance(child(justice_home, "gioi-thieu"), SectionPage)
    return {"articles": articles, "standard": standard, "leader": leader, "decree": decree, "decision": decision,
            "procedure": procedure, "image": image, "news": news}


def get(client, host, path, status=200, **extra):
    response = client.get(path, HTTP_HOST=host, **extra)
    assert response.status_code == status, (host, path, response.status_code)
    return response
