"""Page URLs and per-portal lookups come from process memory, rebuilt when the content changes
in any server process."""

from django.test import Client
from wagtail.models import Page, Site

from sites.routing import relevant_site_root_paths
from cms.core.generation import ROUTING


def test_every_page_object_finds_its_portal_by_its_own_path(province):
    site = province["portals"]["justice"].site
    section = site.root_page.get_children().first()
    base_page = Page.objects.get(pk=section.pk)  # not specific: the way menus load pages
    assert type(base_page) is Page
    assert base_page.get_url_parts()[1] == site.root_url
    assert [path.site_id for path in relevant_site_root_paths(section.url_path)] == [site.pk]


def test_a_change_made_by_another_process_shows_after_its_generation_change(province, settings, tmp_path):
    settings.ROUTING_GENERATION_FILE = tmp_path / "generation"
    site = province["portals"]["justice"].site
    home = Page.objects.get(pk=site.root_page_id)
    assert home.full_url == "http://stp.thunghiem.localhost/"
    # Another worker renames the host: no signal reaches this process, only the shared generation.
    Site.objects.filter(pk=site.pk).update(hostname="tuphap.thunghiem.localhost")
    assert home.full_url == "http://stp.thunghiem.localhost/"
    ROUTING.file().write_text("set-by-another-worker")
    assert home.full_url == "http://tuphap.thunghiem.localhost/"


def test_menu_follows_a_new_section(province):
    from cms.pages.models import SectionPage

    site = province["portals"]["justice"].site
    client = Client()
    assert "Chuyên mục mới" not in client.get("/", HTTP_HOST=site.hostname).content.decode()
    section = SectionPage(title="Chuyên mục mới", slug="chuyen-muc-moi", show_in_menus=True)
    site.root_page.add_child(instance=section)
    section.save_revision().publish()
    assert "Chuyên mục mới" in client.get("/", HTTP_HOST=site.hostname).content.decode()


def test_page_url_is_local_on_its_own_portal_and_full_elsewhere(province, rf):
    justice, health = (province["portals"][key].site for key in ("justice", "health"))
    section = Page.objects.get(pk=justice.root_page.get_children().first().pk)
    assert section.get_url(current_site=justice) == section.url_path[len(justice.root_page.url_path) - 1:]
    assert section.get_url(current_site=health) == f"http://stp.thunghiem.localhost{section.get_url(current_site=justice)}"
    assert section.get_url(request=rf.get("/", HTTP_HOST=health.hostname)).startswith("http://stp.thunghiem.localhost/")
