"""A cache in front of the portals (Varnish with the shipped configuration, before the shipped nginx)
keeps public pages and is told to forget exactly the URLs a publish changes, through Wagtail's
frontend cache module, from the background worker."""

import pytest
from django_tasks_db.models import DBTaskResult

from themes.front_server import CacheServer
from tests.factories import COMMUNE, HEALTH, JUSTICE, PROVINCE, make_document, news_article, publish
from tests.operations.test_jobs import run_worker
from tests.themes.test_front_server import fetch, front  # noqa: F401 (front: the nginx fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PURGE_TASK = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"


@pytest.fixture
def cdn(front, settings, tmp_path):
    with CacheServer(tmp_path / "varnish", f"127.0.0.1:{front.port}") as cache:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": cache.url}}
        yield cache


def kept(cdn, host, path, **kwargs):
    """Whether the cache answered from what it kept."""
    return fetch(cdn, host, path, **kwargs)[1].getheader("X-Cdn-Cache") == "hit"


def warm(cdn, *urls):
    run_worker()  # the purges of the fixtures' content
    for host, path in urls:
        assert fetch(cdn, host, path)[0] == 200, (host, path)
        assert kept(cdn, host, path), (host, path)


def purges_waiting():
    return list(DBTaskResult.objects.ready().filter(task_path=PURGE_TASK).values_list("args_kwargs", flat=True))


def test_a_publish_is_forgotten_where_it_shows_and_nowhere_else(cdn, content):
    warm(cdn, (JUSTICE, "/"), (JUSTICE, "/tin-tuc/"), (JUSTICE, "/van-ban/"), (PROVINCE, "/"))
    article = publish(news_article(content["news"], slug="lich-tiep-dan", title="Thông báo lịch tiếp công dân"))
    assert len(purges_waiting()) == 1
    run_worker()
    for path in ("/", "/tin-tuc/", "/tin-tuc/lich-tiep-dan/"):
        _status, response, body = fetch(cdn, JUSTICE, path)
        assert response.getheader("X-Cdn-Cache") == "miss" and "Thông báo lịch tiếp công dân" in body, path
    assert kept(cdn, JUSTICE, "/van-ban/") and kept(cdn, PROVINCE, "/")  # they do not show news of the Sở

    assert kept(cdn, JUSTICE, "/tin-tuc/lich-tiep-dan/")
    article.refresh_from_db()
    article.slug = "lich-tiep-cong-dan"
    publish(article)
    run_worker()
    assert fetch(cdn, JUSTICE, "/tin-tuc/lich-tiep-dan/")[0] != 200  # renamed: the old URL is forgotten
    warm(cdn, (JUSTICE, "/tin-tuc/lich-tiep-cong-dan/"))

    article.refresh_from_db()
    article.unpublish()
    run_worker()
    assert fetch(cdn, JUSTICE, "/tin-tuc/lich-tiep-cong-dan/")[0] == 404
    assert "Thông báo lịch tiếp công dân" not in fetch(cdn, JUSTICE, "/tin-tuc/")[2]


def test_a_record_is_forgotten_on_every_portal_showing_it(cdn, province, taxonomy, content):
    lists = [(host, "/van-ban/") for host in (PROVINCE, JUSTICE, HEALTH, COMMUNE)]
    warm(cdn, *lists)
    document = make_document(province["justice"], taxonomy["decision"], "98/2026/QĐ-UBND", live=False)
    document.concerned_agencies.add(province["health"])
    document.save_revision().publish()
    run_worker()
    for host in (PROVINCE, JUSTICE, HEALTH):
        _status, response, body = fetch(cdn, host, "/van-ban/")
        assert response.getheader("X-Cdn-Cache") == "miss" and "98/2026/QĐ-UBND" in body, host
        assert "98/2026/QĐ-UBND" in fetch(cdn, host, f"/van-ban/{document.pk}/")[2], host
    assert kept(cdn, COMMUNE, "/van-ban/")


def test_drafts_send_no_purge(cdn, content):
    warm(cdn, (JUSTICE, "/tin-tuc/tin-1/"))
    article = content["articles"][0]
    article.title = "Bản nháp chưa duyệt"
    article.save_revision()
    assert purges_waiting() == [] and kept(cdn, JUSTICE, "/tin-tuc/tin-1/")


def test_lists_with_a_query_and_personal_requests_are_not_kept(cdn, content):
    for path, headers in (("/tin-tuc/?page=1", None), ("/van-ban/?q=h%E1%BB%99+t%E1%BB%8Bch", None),
                          ("/", {"Cookie": "django_language=en"}), ("/", {"Cookie": "sessionid=x"})):
        fetch(cdn, JUSTICE, path, headers=headers)
        assert not kept(cdn, JUSTICE, path, headers=headers), (path, headers)
    _status, response, _body = fetch(cdn, JUSTICE, "/tin-tuc/?page=1")
    assert response.getheader("Cache-Control") == "no-cache"

