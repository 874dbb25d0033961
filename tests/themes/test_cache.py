"""Public pages come from the cache until something they show is published, unpublished or moved."""

import pytest
from django.test import Client

from tests.factories import make_document, news_article, publish
from tests.factories import COMMUNE, HEALTH, JUSTICE, PROVINCE, get


def cache_state(client, host, path, **extra):
    return get(client, host, path, **extra).get("X-Page-Cache")


@pytest.mark.django_db
class TestPageCache:
    def test_second_anonymous_request_is_a_hit_per_host_path_query_and_language(self, client, content):
        assert cache_state(client, JUSTICE, "/tin-tuc/") == "miss"
        assert cache_state(client, JUSTICE, "/tin-tuc/") == "hit"
        assert cache_state(client, PROVINCE, "/tin-tuc/") == "miss"
        assert cache_state(client, JUSTICE, "/tin-tuc/?page=1") == "miss"
        # The browser's Accept-Language does not change the (Vietnamese-first) page; a chosen language does.
        assert cache_state(client, JUSTICE, "/tin-tuc/", HTTP_ACCEPT_LANGUAGE="en") == "hit"
        client.cookies["django_language"] = "en"
        assert cache_state(client, JUSTICE, "/tin-tuc/") == "miss"
        assert cache_state(client, JUSTICE, "/tin-tuc/") == "hit"

    def test_a_hit_is_the_same_page(self, client, content):
        first = get(client, JUSTICE, f"/van-ban/{content['decision'].pk}/")
        second = get(client, JUSTICE, f"/van-ban/{content['decision'].pk}/")
        assert second["X-Page-Cache"] == "hit" and second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]

    def test_a_hit_answers_a_matching_etag_with_304(self, client, content):
        etag = get(client, JUSTICE, "/")["ETag"]
        response = client.get("/", HTTP_HOST=JUSTICE, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304 and response["X-Page-Cache"] == "hit" and not response.content
        assert get(client, JUSTICE, "/", HTTP_IF_NONE_MATCH='"other"')["X-Page-Cache"] == "hit"

    def test_logged_in_editors_never_get_or_fill_the_cache(self, admin_client, content):
        visitor = Client()
        assert cache_state(admin_client, JUSTICE, "/") is None
        assert cache_state(admin_client, JUSTICE, "/") is None
        assert cache_state(visitor, JUSTICE, "/") == "miss"
        assert cache_state(admin_client, JUSTICE, "/") is None

    def test_previews_and_admin_are_never_cached(self, admin_client, content):
        article = content["articles"][0]
        response = admin_client.get(f"/admin/pages/{article.pk}/view_draft/", HTTP_HOST=JUSTICE)
        assert response.status_code == 200 and "X-Page-Cache" not in response

    def test_published_document_appears_at_once_on_every_portal_showing_it(self, client, province, taxonomy, content):
        for host in (PROVINCE, JUSTICE, HEALTH):
            get(client, host, "/van-ban/")
            assert cache_state(client, host, "/van-ban/") == "hit"
        document = make_document(province["justice"], taxonomy["decision"], "99/2026/QĐ-UBND", live=False,
                                 abstract="Quy định mới về chứng thực", body="<p>Toàn văn quy định.</p>")
        document.concerned_agencies.add(province["health"])
        document.save_revision().publish()
        for host in (PROVINCE, JUSTICE, HEALTH):
            response = get(client, host, "/van-ban/")
            assert response["X-Page-Cache"] == "miss" and "99/2026/QĐ-UBND" in response.content.decode(), host
        assert "99/2026/QĐ-UBND" in get(client, PROVINCE, "/").content.decode()
        assert "99/2026/QĐ-UBND" not in get(client, COMMUNE, "/van-ban/").content.decode()
        document.refresh_from_db()
        document.unpublish()
        for host in (PROVINCE, JUSTICE, HEALTH):
            assert "99/2026/QĐ-UBND" not in get(client, host, "/van-ban/").content.decode(), host

    def test_a_publication_purges_only_the_portals_that_show_it(self, client, province, taxonomy, content):
        homes = (PROVINCE, JUSTICE, HEALTH, COMMUNE)
        for host in homes:
            get(client, host, "/")
        publish(news_article(content["news"], slug="chi-tu-phap", title="Tin riêng của Sở Tư pháp"))
        assert {host: cache_state(client, host, "/") for host in homes} == {
            PROVINCE: "hit", JUSTICE: "miss", HEALTH: "hit", COMMUNE: "hit"}
        document = make_document(province["justice"], taxonomy["decision"], "97/2026/QĐ-STP", live=False)
        document.concerned_agencies.add(province["health"])
        document.save_revision().publish()
        assert {host: cache_state(client, host, "/") for host in homes} == {
            PROVINCE: "miss", JUSTICE: "miss", HEALTH: "miss", COMMUNE: "hit"}

    def test_a_record_no_longer_concerning_an_agency_leaves_its_portal_at_once(self, client, province, taxonomy,
                                                                               content):
        document = make_document(province["justice"], taxonomy["decision"], "96/2026/QĐ-STP")
        document.concerned_agencies.add(province["health"])
        document.save_revision().publish()
        assert "96/2026/QĐ-STP" in get(client, HEALTH, "/van-ban/").content.decode()
        document = type(document).objects.get(pk=document.pk)
        document.concerned_agencies.set([province["commune"]])
        document.save_revision().publish()
        for host in (HEALTH, COMMUNE):
            response = get(client, host, "/van-ban/")
            assert response["X-Page-Cache"] == "miss", host
        assert "96/2026/QĐ-STP" not in get(client, HEALTH, "/van-ban/").content.decode()
        assert "96/2026/QĐ-STP" in get(client, COMMUNE, "/van-ban/").content.decode()

    def test_publishing_a_page_and_moving_it_refresh_lists(self, client, content):
        from cms.pages.models import NewsArticlePage

        assert "Tin mới nhất" not in get(client, JUSTICE, "/tin-tuc/").content.decode()
        news = content["news"]
        article = NewsArticlePage(title="Tin mới nhất", slug="tin-moi", date="2026-02-01", intro="Sapo", body="<p>x</p>",
                                  author="Lê Thị C", origin="tin-goc")
        news.add_child(instance=article)
        article.save_revision().publish()
        assert "Tin mới nhất" in get(client, JUSTICE, "/tin-tuc/").content.decode()
        assert "Tin mới nhất" in get(client, JUSTICE, "/").content.decode()
        content["standard"].move(news.get_parent(), pos="last-child")
        assert "quy-che" in get(client, JUSTICE, "/so-do-cong/").content.decode()
        assert "/quy-che/" in get(client, JUSTICE, "/so-do-cong/").content.decode()
        assert "/gioi-thieu/quy-che/" not in get(client, JUSTICE, "/so-do-cong/").content.decode()

    def test_drafts_and_locks_keep_every_cached_page(self, client, province, taxonomy, content):
        for host in (PROVINCE, JUSTICE):
            get(client, host, "/")
        article = content["articles"][0]
        article.title = "Bản nháp chưa duyệt"
        article.save_revision()
        article.locked = True
        article.save(update_fields=["locked"])
        document = make_document(province["justice"], taxonomy["decision"], "98/2026/QĐ-UBND", live=False)
        document.abstract = "Bản nháp văn bản"
        document.save_revision()
        for host in (PROVINCE, JUSTICE):
            response = get(client, host, "/")
            assert response["X-Page-Cache"] == "hit" and "Bản nháp" not in response.content.decode()

    def test_branding_change_shows_at_once(self, client, province, content):
        from tests.factories import set_theme

        assert 'data-theme="classic"' in get(client, JUSTICE, "/").content.decode()
        set_theme(province["portals"]["justice"], "modern")
        assert 'data-theme="modern"' in get(client, JUSTICE, "/").content.decode()

    def test_error_pages_and_pages_setting_cookies_are_not_stored(self, client, content):
        get(client, JUSTICE, "/khong-ton-tai/", status=404)
        assert get(client, JUSTICE, "/khong-ton-tai/", status=404).get("X-Page-Cache") is None
        response = client.get("/ngon-ngu/en/?next=/", HTTP_HOST=JUSTICE)
        assert response.status_code == 302 and "X-Page-Cache" not in response


    def test_made_up_subdomains_get_a_404_and_fill_neither_the_cache_nor_the_page_files(self, client, content,
                                                                                      settings, tmp_path):
        settings.PAGE_FILE_CACHE_ROOT = str(tmp_path / "pages")
        for number in range(30):
            response = client.get("/", HTTP_HOST=f"ngau-nhien-{number}.thunghiem.localhost")
            assert response.status_code == 404 and "X-Page-Cache" not in response
        assert not (tmp_path / "pages").exists() or not any((tmp_path / "pages").rglob("index.html"))
        assert get(client, JUSTICE, "/").status_code == 200

    def test_a_new_portal_and_an_old_hostname_are_served_at_once(self, client, province, content):
        from cms.core.models import HostnameAlias

        assert client.get("/", HTTP_HOST="tuphap-cu.thunghiem.localhost").status_code == 404
        HostnameAlias.objects.create(hostname="tuphap-cu.thunghiem.localhost", portal=province["portals"]["justice"])
        assert client.get("/", HTTP_HOST="tuphap-cu.thunghiem.localhost").status_code == 301


@pytest.mark.django_db
def test_workers_share_the_generation_through_a_file_with_a_local_memory_cache(client, content, settings):
    from cms.core.generation import PAGES

    PAGES.bump()  # as a change every portal shows does
    before = PAGES.current()
    assert settings.PAGE_CACHE_GENERATION_FILE.read_text() == before
    settings.PAGE_CACHE_GENERATION_FILE.write_text("set-by-another-worker")
    assert PAGES.current() == "set-by-another-worker"
    PAGES.bump()
    assert PAGES.current() not in (before, "set-by-another-worker")


@pytest.mark.django_db
def test_a_shared_cache_keeps_the_generation_itself(client, content, settings, tmp_path):
    from django.core.cache import cache

    from cms.core.generation import PAGES

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                   "LOCATION": str(tmp_path / "cache")}}
    assert cache_state(client, JUSTICE, "/") == "miss"
    assert cache_state(client, JUSTICE, "/") == "hit"
    content["articles"][0].save_revision().publish()
    assert cache_state(client, JUSTICE, "/") == "miss"
    assert cache_state(client, JUSTICE, "/") == "hit"
    assert cache.get(PAGES.cache_key) is not None


@pytest.mark.django_db
def test_page_files_left_by_an_older_cache_are_replaced_by_the_next_page(client, content, settings, tmp_path):
    """The live folder of page files names a generation that no bump replaced (here, a cache
    backend changed under it): the next page rendered in the latest generation takes over."""
    from themes import page_files

    settings.PAGE_FILE_CACHE_ROOT = str(tmp_path / "pages")
    page_files.switch_generation("left-by-the-local-memory-cache")
    stale = tmp_path / "pages" / "left-by-the-local-memory-cache" / "http" / JUSTICE / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("an old page")
    assert cache_state(client, JUSTICE, "/") == "miss"
    live = tmp_path / "pages" / page_files.live_directory(tmp_path / "pages")
    assert "Sở Tư pháp" in (live / "http" / JUSTICE / "index.html").read_text()
    assert not stale.exists()


@pytest.mark.django_db
def test_a_publication_deletes_the_page_files_of_the_paths_showing_it_only(client, content, settings, tmp_path):
    settings.PAGE_FILE_CACHE_ROOT = str(tmp_path / "pages")
    for path in ("/", "/tin-tuc/", "/van-ban/", "/luu-bai/tin-tuc/tin-1/"):
        get(client, JUSTICE, path)
    live = tmp_path / "pages" / "current" / "http" / JUSTICE
    assert (live / "index.html").exists() and (live / "tin-tuc" / "index.html").exists()
    assert not (live / "luu-bai" / "tin-tuc" / "tin-1" / "index.html").exists()  # a download: nginx would drop its header
    publish(news_article(content["news"], slug="tin-moi-nhat"))
    assert not (live / "index.html").exists() and not (live / "tin-tuc" / "index.html").exists()
    assert (live / "van-ban" / "index.html").exists()


@pytest.mark.django_db
def test_a_request_reads_each_generation_once_and_sees_its_own_bumps(client, content, settings):
    from cms.core.generation import PAGES, read_once

    with read_once():
        first = PAGES.current()
        settings.PAGE_CACHE_GENERATION_FILE.write_text("set-by-another-worker")
        assert PAGES.current() == first and PAGES.latest() == "set-by-another-worker"
        PAGES.bump()
        assert PAGES.current() not in (first, "set-by-another-worker")
    reads = []
    original = type(PAGES).latest
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(type(PAGES), "latest", lambda self: reads.append(self.name) or original(self))
        assert client.get("/tin-tuc/", HTTP_HOST=JUSTICE).status_code == 200
    assert reads.count(PAGES.name) == 1
