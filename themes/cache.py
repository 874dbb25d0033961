"""Rendered public pages, cached per scheme, host, path, query, language and reading aids, and purged
precisely.

Three generations (cms.core.generation) are part of every page key, the way cache tags or
surrogate keys work:
- PAGES, moved by what every portal may show: sites, portals, agencies, hostnames;
- the generation of the portal serving the host, moved by what every page of that portal shows:
  its menu (a top-level page), its branding, an emergency notice (cms.notices), a section's title
  or address shown below it, a moved page, a citizen's question or comment moderated on it;
- the generation of the page at the request's path on that portal (its print and download views
  and a section's feed share it), moved when something it shows is published, unpublished, moved,
  deleted or saved: the paths themes.shown finds on each portal showing the changed page or record
  (owner, ancestors, concerned or implementing agencies), and the pages showing it in passing.
Saving a draft, locking, or creating something never published moves nothing. Entries of old
generations are never read again and expire after PAGE_CACHE_SECONDS. The site-wide search page
is cached per query like any page and is purged with every change on its portal; its results
follow the search index, itself updated by the background worker.

With PAGE_FILE_CACHE_ROOT set, pages are also written as files for nginx (themes.page_files); a
purge deletes the files of its paths, or of every page of a portal. With FRONTEND_CACHE set, a CDN
in front keeps pages without a query and is told which URLs to forget (themes.frontend_cache).
A hit answers a matching If-None-Match with 304.

Only anonymous GET requests are served from the cache: a request carrying a session or messages
cookie (every logged-in editor, every preview) bypasses it, and a response is stored only if it
is a 200 HTML/XML page that set no cookie.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import get_conditional_response
from wagtail.models import DraftStateMixin, Page, Site
from wagtail.signals import (page_published, page_slug_changed, page_unpublished, post_page_move, published,
                             unpublished)

from cms.core.generation import (PAGES, Generation, PagePathGeneration, PortalPagesGeneration,
                                 collected_until_bulk_ends, generation_changed, page_path, portal_pages, purge_paths,
                                 purge_portals)
from cms.core.models import Agency, HostnameAlias, Portal
from cms.core.registry import record_types
from cms.locale import language_for
from sites.routing import hostnames_of_portal, portal_of_host, portals_of_page
from themes import frontend_cache, page_files, reading
from themes.models import ThemeSettings
from themes.shown import (EVERY_PAGE, holders_in_passing, page_path_of, paths_by_portal, portals_showing,
                          shown_on_every_page_before, tracks_portals, views_of_path)

CACHEABLE_TYPES = ("text/html", "application/xml", "application/rss+xml", "application/xhtml+xml")
BYPASS_PREFIXES = ("/admin/", "/static/", "/media/")
STORED_HEADERS_EXCLUDED = {"set-cookie", "content-length"}


def cache_seconds():
    """How long a page stays cached at most; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def request_generations(request, latest=False):
    """(every portal's generation, the generation of the portal serving this host, the generation of
    the page at this path on it), as the request read them first, or as they are now (`latest`)."""
    read = Generation.latest if latest else Generation.current
    host, _port = split_domain_port(request.get_host())
    portal_id = portal_of_host(host)
    if portal_id is None:
        return read(PAGES), "-", "-"
    return read(PAGES), read(portal_pages(portal_id)), read(page_path(portal_id, page_path_of(request.path_info)))


def page_key(request, generations):
    parts = [request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", ""),
             language_for(request), *reading.chosen(request)]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return "pagecache:{}:{}:{}:".format(*generations) + digest


def write_page_file(request, response, generations):
    page_files.write(request, response, generations[0],
                     still_current=lambda: request_generations(request, latest=True) == generations)


def is_cacheable_request(request):
    cookies = request.COOKIES
    return (
        cache_seconds() > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and not request.path.startswith(BYPASS_PREFIXES)
    )


def is_cacheable_response(response):
    # The request carried no session cookie, so its session was empty: a response can depend on
    # the session only by writing to it, which sets a cookie and keeps the response out.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def freeze(response):
    headers = [(name, value) for name, value in response.items() if name.lower() not in STORED_HEADERS_EXCLUDED]
    return response.content, headers


def thaw(stored):
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def answer_hit(request, stored, generations):
    response = thaw(stored)
    write_page_file(request, response, generations)
    answer = get_conditional_response(request, etag=response.get("ETag"), response=response)
    answer["X-Page-Cache"] = "hit"
    frontend_cache.shared_cache_control(request, answer, cacheable=True)
    return answer


class PageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache.

    Place it early (right after static files): a hit then costs two cache reads and no database
    query. The language is the one the locale middleware will choose (cms.locale.language_for).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if not request.path.startswith(BYPASS_PREFIXES):
                frontend_cache.shared_cache_control(request, response, cacheable=False)
            return response
        generations = request_generations(request)
        key = page_key(request, generations)
        stored = cache.get(key)
        if stored is not None:
            return answer_hit(request, stored, generations)
        response = self.get_response(request)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        cacheable = is_cacheable_response(response)
        if cacheable:
            cache.set(key, freeze(response), cache_seconds())
            write_page_file(request, response, generations)
            response["X-Page-Cache"] = "miss"
        frontend_cache.shared_cache_control(request, response, cacheable)
        return response


# Saves that only record a draft, a lock or the latest revision: nothing public changes.
DRAFT_BOOKKEEPING = {
    "latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
    "locked", "locked_at", "locked_by",
}


def content_changed(**_signal_kwargs):
    """Invalidate every cached page of every portal, now and again when the change is committed."""
    PAGES.bump_now_and_on_commit()


def purge(instance, old_url_path=None, created=False):
    """Purge what shows `instance` (themes.shown): its paths on the portals showing it, every page of a
    portal where every page shows it, and the same URLs from a cache in front. Within a bulk change
    (an import of thousands of records), every page of each portal showing one of its records is
    purged once, when it ends: working out each record's paths would cost more than the import."""
    portals = portals_showing(instance)
    if portals is None:
        content_changed()
        return
    portals = portals | getattr(instance, "_portals_showing_before", set())
    holders_before = getattr(instance, "_holders_before", ())
    purged_later = collected_until_bulk_ends("portals", _purge_every_page)
    if purged_later is not None:
        purged_later |= portals
        for holder in {*holders_in_passing(instance, created), *holders_before}:
            purged_later |= portals_showing(holder) or set()
        return
    plan = paths_by_portal(instance, portals, old_url_path, every_page=getattr(instance, "_shown_on_every_page", False),
                           holders_before=holders_before, created=created)
    for portal_id, paths in plan.items():
        if EVERY_PAGE in paths:
            purge_portals([portal_id])
        else:
            purge_paths(portal_id, paths)
    frontend_cache.forget(plan)


def _purge_every_page(portal_ids):
    purge_portals(portal_ids)
    frontend_cache.forget({portal_id: {EVERY_PAGE} for portal_id in portal_ids})


def _remember_what_showed_it(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a save or a deletion that changes what the public sees: the portals and pages showing
    the record as it was (it may leave them), and whether a page's title or address shown below it
    changes."""
    instance._shown_on_every_page, instance._portals_showing_before, instance._holders_before = False, set(), set()
    if raw or instance.pk is None or _is_draft_only(instance, update_fields):
        return
    before = sender._default_manager.filter(pk=instance.pk).first()
    if before is None or not getattr(before, "live", True):
        return
    instance._shown_on_every_page = shown_on_every_page_before(before, instance)
    if not isinstance(instance, Page):
        instance._portals_showing_before = portals_showing(before)
    instance._holders_before = holders_in_passing(before)


def _purge_published(sender, instance, **kwargs):
    purge(instance)


def _purge_moved(sender, instance, parent_page_before, parent_page_after, url_path_before, **kwargs):
    """Every page of the portals it leaves and joins: the addresses of all pages below it changed."""
    instance._portals_showing_before = portals_of_page(parent_page_before.path)
    instance._shown_on_every_page = True
    purge(instance, old_url_path=url_path_before)


def _purge_old_url(sender, instance, instance_before, **kwargs):
    """A page renamed: its old address shows nothing any more."""
    purge(instance, old_url_path=instance_before.url_path)


def _is_draft_only(instance, update_fields):
    if update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING:
        return True
    never_published = isinstance(instance, DraftStateMixin) and not instance.live and instance.first_published_at is None
    return never_published


def _remember_before(sender, instance, **kwargs):
    if tracks_portals(sender):
        _remember_what_showed_it(sender, instance, **kwargs)


def _purge_on_content_change(sender, instance, update_fields=None, created=False, **kwargs):
    # Direct saves (the demo loader, reorganisation, imports) change what pages show without a
    # publish signal. Drafts change nothing public.
    if isinstance(instance, (Page, DraftStateMixin)) and not _is_draft_only(instance, update_fields):
        purge(instance, created=created)


def _delete_page_files(sender, generation, value, **kwargs):
    if generation is PAGES:
        page_files.switch_generation(value)
    elif not page_files.cache_root():
        return
    elif isinstance(generation, PagePathGeneration):
        page_files.delete_paths(hostnames_of_portal(generation.portal_id), views_of_path(generation.path))
    elif isinstance(generation, PortalPagesGeneration):
        page_files.delete_hosts(hostnames_of_portal(generation.portal_id))


def connect_signals():
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(_purge_published, dispatch_uid=f"pagecache-{id(signal)}")
    post_page_move.connect(_purge_moved, dispatch_uid="pagecache-move")
    page_slug_changed.connect(_purge_old_url, dispatch_uid="pagecache-slug")
    for model in (Site, Agency, Portal, HostnameAlias):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
    records_without_drafts = [record_type.model for record_type in record_types() if not record_type.publishable]
    for model in (ThemeSettings, *records_without_drafts):
        post_save.connect(_purge_published, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(_purge_published, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
    pre_save.connect(_remember_before, dispatch_uid="pagecache-before")
    pre_delete.connect(_remember_before, dispatch_uid="pagecache-before-delete")
    post_save.connect(_purge_on_content_change, dispatch_uid="pagecache-save-content")
    post_delete.connect(_purge_on_content_change, dispatch_uid="pagecache-delete-content")
    generation_changed.connect(_delete_page_files, sender=Generation, dispatch_uid="pagecache-page-files")
