"""Rendered public pages, cached per scheme, host, path, query and language, and invalidated on publish.

Invalidation uses one global "content generation" number kept in the cache and included in every
page key. Any publish-type event (a page or a snippet published, unpublished, moved, saved or
deleted; branding, portal, agency or contact details changed) increments it, so every cached page
of every portal is rebuilt on its next request. Finer-grained invalidation would have to know every page a record
appears on: a legal document shows on its owner's portal, on every ancestor's portal (the
provincial portal shows everything), on the portals of concerned agencies, on home pages, lists,
the detail pages of related documents and procedures citing it, the site map, feeds and search.
That set is derived at query time and changes with the agency tree, so computing it is where bugs
hide. Publishing happens a few hundred times a day; reads are orders of magnitude more frequent,
so rebuilding each page once after a publish costs little and the cache never serves stale
content. Entries of old generations are never read again and expire after PAGE_CACHE_SECONDS.
The counter lives in the cache when the cache is shared (CACHE_URL=redis://... in production). The
local-memory default is private to each server process, so the counter then lives in a small file
(PAGE_CACHE_GENERATION_FILE, default var/page-cache-generation-<database>) that every worker on the
machine serving that database reads: a publish in one worker invalidates the pages of all of them.
The number is bumped when the change happens and again once it is committed: a page rendered from
the old content in between is stored under a generation that is never read again.

With PAGE_FILE_CACHE_ROOT set, pages are also written as files for nginx (themes.page_files).
A hit answers a matching If-None-Match with 304.

Only anonymous GET requests are served from the cache: a request carrying a session or messages
cookie (every logged-in editor, every preview) bypasses it, and a response is stored only if it
is a 200 HTML/XML page that set no cookie.
"""

import hashlib
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from wagtail.models import DraftStateMixin, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms.locale import language_for
from themes import page_files

GENERATION_KEY = "pagecache:generation"
CACHEABLE_TYPES = ("text/html", "application/xml", "application/rss+xml", "application/xhtml+xml")
BYPASS_PREFIXES = ("/admin/", "/static/", "/media/")
STORED_HEADERS_EXCLUDED = {"set-cookie", "content-length"}


def cache_seconds():
    """How long a page stays cached at most; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def generation_in_file():
    """A local-memory cache lives in one process; server workers then share the counter in a file."""
    return isinstance(caches["default"], LocMemCache)


def generation_file():
    """One counter per database: the processes serving the same content share it, others don't."""
    configured = getattr(settings, "PAGE_CACHE_GENERATION_FILE", None)
    if configured:
        return Path(configured)
    database = connection.settings_dict
    identity = "|".join(str(database.get(part, "")) for part in ("ENGINE", "HOST", "PORT", "NAME"))
    return Path(settings.BASE_DIR) / "var" / f"page-cache-generation-{hashlib.sha256(identity.encode()).hexdigest()[:16]}"


def content_generation():
    if generation_in_file():
        try:
            return generation_file().read_text()
        except FileNotFoundError:
            return "0"
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh, time-based start never collides with a generation used before an eviction.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Invalidate every cached page of every portal."""
    if generation_in_file():
        write_generation_file()
    else:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    page_files.switch_generation(content_generation())


def content_changed(**kwargs):
    """Signal receiver: invalidate now and again when the change is committed."""
    bump_generation()
    transaction.on_commit(bump_generation)


def write_generation_file():
    path = generation_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
    temporary.write_text(f"{time.time_ns()}-{os.getpid()}")
    os.replace(temporary, path)  # atomic: readers see the old or the new number, never a partial one


def page_key(request, generation):
    parts = [request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", ""),
             language_for(request)]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:{generation}:{digest}"


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


def answer_hit(request, stored, generation):
    response = thaw(stored)
    page_files.write(request, response, generation)
    answer = get_conditional_response(request, etag=response.get("ETag"), response=response)
    answer["X-Page-Cache"] = "hit"
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
            return self.get_response(request)
        generation = content_generation()
        key = page_key(request, generation)
        stored = cache.get(key)
        if stored is not None:
            return answer_hit(request, stored, generation)
        response = self.get_response(request)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if is_cacheable_response(response):
            cache.set(key, freeze(response), cache_seconds())
            page_files.write(request, response, generation)
            response["X-Page-Cache"] = "miss"
        return response


def _bump_on_content_change(sender, instance, **kwargs):
    # Direct saves (the demo loader, reorganisation, imports) change what pages show without a
    # publish signal; a draft save bumps too, which costs one rebuild and is never wrong.
    if isinstance(instance, (Page, DraftStateMixin)):
        content_changed()


def connect_signals():
    from cms.organisation.models import OfficialContact
    from cms.core.models import Agency, HostnameAlias, Portal
    from themes.models import ThemeSettings

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"pagecache-{id(signal)}")
    for model in (Site, Agency, Portal, HostnameAlias, ThemeSettings, OfficialContact):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
    post_save.connect(_bump_on_content_change, dispatch_uid="pagecache-save-content")
    post_delete.connect(_bump_on_content_change, dispatch_uid="pagecache-delete-content")
