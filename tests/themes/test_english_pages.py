"""English pages: the province portal's English section (/en/) holds translations of its Vietnamese
pages, made from the admin, linked both ways; the language switch lands on the counterpart, hreflang
links and the site map list both languages, English pages speak English whatever the cookie."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.pages.models import SectionPage
from cms.pages.translations import ENGLISH_SECTION, counterpart, translate
from sites.provisioning import create_portal
from tests.factories import JUSTICE, PROVINCE, child, get, make_user, portal_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(province):
    return portal_home(province["portals"]["province"])


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def introduction(home, superuser):
    """The province's introduction, translated into English and published."""
    source = child(home, "gioi-thieu")
    english = translate(source, "en", superuser)
    english.title, english.intro = "About the province", "The province in brief."
    return source, publish(english)


def test_the_english_section_is_english_whatever_the_cookie(client, home):
    section = counterpart(home, "en")
    assert section.url_path.endswith("/en/") and section.locale.language_code == "en" and section.live
    client.cookies["django_language"] = "vi"
    response = get(client, PROVINCE, "/en/")
    html = response.content.decode()
    assert '<html lang="en"' in html and "Skip to main content" in html and response["Content-Language"] == "en"
    assert '<html lang="vi"' in get(client, PROVINCE, "/").content.decode()


def test_a_translation_is_a_linked_draft_under_the_counterpart_of_its_parent(client, home, superuser):
    source = child(home, "gioi-thieu")
    client.force_login(superuser)
    address = reverse("page_translate", args=[source.pk, "en"])
    assert "Tạo bản English" in client.get(address).content.decode()
    response = client.post(address)
    english = counterpart(source, "en")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert english.get_parent().pk == counterpart(home, "en").pk and english.url_path.endswith("/en/gioi-thieu/")
    assert english.translation_key == source.translation_key and english.locale.language_code == "en"
    assert not english.live and english.specific.section_code == ""  # the Vietnamese section keeps its code
    assert client.post(address)["Location"] == reverse("wagtailadmin_pages:edit", args=[english.pk])  # once
    assert counterpart(english, "vi").pk == source.pk


def test_a_page_waits_for_its_parent_to_be_translated(client, home, superuser):
    source = child(home, "gioi-thieu")
    grandchild = SectionPage(title="Lịch sử", slug="lich-su")
    source.add_child(instance=grandchild)
    client.force_login(superuser)
    response = client.post(reverse("page_translate", args=[grandchild.pk, "en"]), follow=True)
    assert "hãy dịch trang cha trước" in response.content.decode()
    assert counterpart(grandchild, "en") is None
    translate(source, "en", superuser)
    assert counterpart(translate(grandchild, "en", superuser), "vi").pk == grandchild.pk


def test_only_editors_of_the_portal_translate_its_pages(client, province, home):
    justice = province["portals"]["justice"]
    client.force_login(make_user("bientap.stp", justice.editors_group, justice.approvers_group))
    source = child(home, "gioi-thieu")
    assert client.post(reverse("page_translate", args=[source.pk, "en"])).status_code == 403
    assert counterpart(source, "en") is None
    own = child(portal_home(justice), "gioi-thieu")
    assert client.get(reverse("page_translate", args=[own.pk, "en"])).status_code == 200  # no English section yet
    assert counterpart(own, "en") is None


def test_translating_a_home_page_starts_its_english_section(province, superuser):
    home = portal_home(province["portals"]["justice"])
    section = translate(home, "en", superuser)
    assert section.get_parent().pk == home.pk and section.slug == "en" and not section.live
    assert section.section_code == ENGLISH_SECTION and counterpart(home, "en").pk == section.pk


def test_the_switch_lands_on_the_counterpart(client, introduction):
    source, english = introduction
    response = client.get("/ngon-ngu/en/?next=/gioi-thieu/", HTTP_HOST=PROVINCE)
    assert response.status_code == 302 and response["Location"] == "/en/gioi-thieu/"
    assert client.get("/ngon-ngu/vi/?next=/en/gioi-thieu/", HTTP_HOST=PROVINCE)["Location"] == "/gioi-thieu/"
    assert client.get("/ngon-ngu/en/?next=/", HTTP_HOST=PROVINCE)["Location"] == "/en/"
    assert client.get("/ngon-ngu/vi/?next=/en/", HTTP_HOST=PROVINCE)["Location"] == "/"


def test_the_switch_from_an_untranslated_page_lands_on_the_english_section(client, introduction):
    assert client.get("/ngon-ngu/en/?next=/tin-tuc/", HTTP_HOST=PROVINCE)["Location"] == "/en/"
    # An unpublished translation is not a landing.
    source, english = introduction
    english.unpublish()
    assert client.get("/ngon-ngu/en/?next=/gioi-thieu/", HTTP_HOST=PROVINCE)["Location"] == "/en/"
    # A portal without an English section keeps the page and changes the interface only.
    response = client.get("/ngon-ngu/en/?next=/tin-tuc/", HTTP_HOST=JUSTICE)
    assert response["Location"] == "/tin-tuc/" and response.cookies["django_language"].value == "en"


def test_hreflang_links_name_both_languages(client, introduction):
    html = get(client, PROVINCE, "/gioi-thieu/").content.decode()
    assert '<link rel="alternate" hreflang="vi" href="http://thunghiem.localhost/gioi-thieu/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://thunghiem.localhost/en/gioi-thieu/">' in html
    english_html = get(client, PROVINCE, "/en/gioi-thieu/").content.decode()
    assert '<link rel="alternate" hreflang="vi" href="http://thunghiem.localhost/gioi-thieu/">' in english_html
    assert '<meta name="DC.language" content="en">' in english_html
    assert 'hreflang="en" href="http://thunghiem.localhost/en/">' in get(client, PROVINCE, "/").content.decode()
    on_a_port = get(client, f"{PROVINCE}:8000", "/gioi-thieu/").content.decode()  # the address the visitor uses
    assert '<link rel="alternate" hreflang="en" href="http://thunghiem.localhost:8000/en/gioi-thieu/">' in on_a_port
    assert 'hreflang="en" href' not in get(client, PROVINCE, "/tin-tuc/").content.decode()


def test_english_pages_have_the_english_menu(client, introduction):
    english_html = get(client, PROVINCE, "/en/").content.decode()
    assert 'href="/en/gioi-thieu/"' in english_html and 'href="/tin-tuc/"' not in english_html
    assert 'href="/tin-tuc/"' in get(client, PROVINCE, "/").content.decode()


def test_the_site_map_lists_both_languages(client, introduction):
    sitemap = get(client, PROVINCE, "/sitemap.xml").content.decode()
    assert "<loc>http://thunghiem.localhost/gioi-thieu/</loc>" in sitemap
    assert "<loc>http://thunghiem.localhost/en/gioi-thieu/</loc>" in sitemap


def test_a_new_province_portal_gets_an_english_section(province):
    from cms.core.models import Agency, AgencyKind

    agency = Agency.objects.create(name="Ủy ban nhân dân tỉnh Mới", kind=AgencyKind.PROVINCE, code="TM")
    portal = create_portal(agency, "tinhmoi.localhost")
    section = counterpart(portal.site.root_page, "en")
    assert section.locale.language_code == "en" and section.live
    assert Page.objects.descendant_of(section).count() == 0



def test_publishing_a_translation_refreshes_the_cached_source(client, home, superuser):
    """The source page names its translation (hreflang): the page cache forgets it."""
    source = child(home, "gioi-thieu")
    assert 'hreflang="en" href' not in get(client, PROVINCE, "/gioi-thieu/").content.decode()  # now cached
    publish(translate(source, "en", superuser))
    assert 'hreflang="en" href="http://thunghiem.localhost/en/gioi-thieu/"' in get(client, PROVINCE, "/gioi-thieu/").content.decode()
