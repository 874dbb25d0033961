"""A CDN or HTTP cache in front of the portals (Varnish, Cloudflare, CloudFront, ...), kept current
through the backends of Wagtail's frontend cache module (FRONTEND_CACHE in the settings).

What a shared cache may keep (`shared_cache_control`): an anonymous public page without a query
string, for CDN_CACHE_SECONDS. Lists with filters or a page number, search results and anything
personal it must not keep; they come from nginx's page files and Django's page cache (themes.cache).

What it is told to forget (`forget`, called by themes.cache.purge): the URLs of the paths that show
a changed page or record (themes.shown), with the print, download and feed views of each; every
page of a portal where every page shows it. The list goes out once the change is committed, from a
background job (a CDN's API may be slow or down; Wagtail's task logs its failures). Changes to
sites, agencies and hostnames lag by CDN_CACHE_SECONDS at most.

The module's own signal handlers (wagtail.contrib.frontend_cache in INSTALLED_APPS) are not used:
they purge a page's own URL only, before the change is committed. Its task (the one behind its
public purge_urls_from_cache) is enqueued on the jobs backend instead of the request's;
tests/themes/test_frontend_cache.py runs it against a real Varnish on the Wagtail range that
sites/checks.py allows.
"""

import threading

from django.conf import settings
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

from cms.core.models import Portal
from themes.shown import EVERY_PAGE, every_page_paths, site_roots, views_of_path

# URLs waiting for this thread's transaction to commit (one purge job for all of a publish's saves).
_local = threading.local()


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_cache_control():
    """Cache-Control of a public page without a query: browsers revalidate it (ETag, 304) and a cache
    in front keeps it for CDN_CACHE_SECONDS."""
    return f"public, max-age=0, s-maxage={settings.CDN_CACHE_SECONDS}" if enabled() else "no-cache"


def shared_cache_control(request, response, cacheable):
    """Tell caches in front what they may keep of this answer (nothing is said without one)."""
    if not enabled() or response.has_header("Cache-Control"):
        return
    kept = cacheable and not request.META.get("QUERY_STRING")
    response["Cache-Control"] = page_cache_control() if kept else "no-cache"


def forget(paths_by_portal):
    """Purge, once committed, the URLs of these paths ({portal id: paths}, themes.shown)."""
    if not enabled() or not paths_by_portal:
        return
    waiting = _waiting()
    roots = site_roots(paths_by_portal)
    for portal in Portal.objects.filter(pk__in=roots).select_related("site"):
        paths = paths_by_portal[portal.pk]
        if EVERY_PAGE in paths:
            paths = (paths - {EVERY_PAGE}) | every_page_paths(roots[portal.pk])
        waiting.update(portal.site.root_url + url for path in paths for url in views_of_path(path))
    transaction.on_commit(_send_waiting)


def _waiting():
    if not hasattr(_local, "urls"):
        _local.urls = set()
    return _local.urls


def _send_waiting():
    """One job for the waiting URLs, unless the same list is already waiting (a publish saves several
    times, each save its own transaction outside a request)."""
    urls = sorted(_waiting())
    _local.urls = set()
    if not urls:
        return
    purge = purge_urls_from_cache_task.using(backend=settings.JOBS_BACKEND)
    waiting = DBTaskResult.objects.ready().filter(task_path=purge.module_path, args_kwargs={"args": [urls], "kwargs": {}})
    if not waiting.exists():
        purge.enqueue(urls)
