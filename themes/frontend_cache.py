"""A CDN or HTTP cache in front of the portals (Varnish, Cloudflare, CloudFront, ...), kept current
through the backends of Wagtail's frontend cache module (FRONTEND_CACHE in the settings).

What a shared cache may keep (`shared_cache_control`): an anonymous public page without a query
string, for CDN_CACHE_SECONDS. Lists with filters or a page number, search results and anything
personal it must not keep; they come from nginx's page files and Django's page cache, which are
purged per portal (themes.cache).

What it is told to forget (`forget`, called by themes.cache.purge): the URLs that show a changed page
or record on each portal that shows it: its own page, the pages above it (section, list, their RSS
feeds), the portal's home and sitemap.xml. A top-level page (in every page's menu) or the portal's
branding is shown by all the portal's pages, so all of them are forgotten. The list goes out once
the change is committed, from a background job (a CDN's API may be slow or down; Wagtail's task logs
its failures). Pages that show an object only in passing (a section's title in its descendants'
breadcrumbs, a related document's title) and changes to sites, agencies and hostnames lag by
CDN_CACHE_SECONDS at most.

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
from wagtail.models import Page

from cms.core.models import Portal
from cms.core.registry import record_type_for
from themes.models import ThemeSettings

SITEMAP_PATH = "/sitemap.xml"
FEED_SUFFIX = "rss/"

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


def forget(instance, portal_ids, old_url_path=None):
    """Purge, once committed, the URLs showing `instance` on these portals (and its URL before a move)."""
    if not enabled() or not portal_ids:
        return
    waiting = _waiting()
    for portal in Portal.objects.filter(pk__in=portal_ids).select_related("site__root_page"):
        if portal.site is not None:
            root_url, root = portal.site.root_url, portal.site.root_page
            waiting.update(root_url + path for path in paths_showing(instance, root, old_url_path))
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


def paths_showing(instance, root, old_url_path=None):
    """Paths on the site under `root` that show `instance`."""
    if isinstance(instance, ThemeSettings) or _is_in_menu(instance, root):
        return _every_page(root)
    if isinstance(instance, Page):
        url_paths = [instance.url_path, old_url_path]
    else:
        url_paths = _listing_paths(instance, root)
    paths = {"/", SITEMAP_PATH}
    for url_path in filter(None, url_paths):
        paths |= _path_and_sections(url_path, root)
    return paths


def _is_in_menu(instance, root):
    return isinstance(instance, Page) and instance.path.startswith(root.path) and instance.depth <= root.depth + 1


def _every_page(root):
    url_paths = Page.objects.live().descendant_of(root, inclusive=True).values_list("url_path", flat=True)
    return {SITEMAP_PATH} | {path for url_path in url_paths for path in _path_and_sections(url_path, root)}


def _listing_paths(record, root):
    """The tree paths of the record's detail page under each of the site's pages that list its type."""
    record_type = record_type_for(type(record))
    model = record_type.listing_page_model if record_type else None
    if model is None:
        return []
    pages = model.objects.live().descendant_of(root).only("url_path")
    return [page.url_path + page.reverse_subpage("detail_view", args=[record.pk]).lstrip("/") for page in pages]


def _path_and_sections(url_path, root):
    """A page's path on its site, the paths of the pages above it and their feeds."""
    if not url_path.startswith(root.url_path):
        return set()
    segments = url_path[len(root.url_path):].strip("/").split("/")
    sections = ["/" + "".join(f"{segment}/" for segment in segments[:count]) for count in range(1, len(segments))]
    page_path = "/" + "".join(f"{segment}/" for segment in segments if segment)
    return {"/", page_path, *sections, *(section + FEED_SUFFIX for section in sections)}
