"""Rendered public pages, cached per scheme, host, path, query and language, and invalidated on publish.

Invalidation uses the PAGES generation (cms.core.generation), part of every page key. Any
publish-type event (a page or a snippet published, unpublished, moved or deleted; branding, portal,
agency or contact details changed) moves it, so every cached page of every portal is rebuilt on its
next request. Saving a draft, locking, or creating something never published moves nothing.
Finer-grained invalidation would have to know every page a record appears on (its owner's portal,
every ancestor's portal, concerned agencies' portals, home pages, lists, related documents, site
maps, feeds); publishing happens a few hundred times a day and reads are orders of magnitude more
frequent, so rebuilding each page once after a publish costs little and the cache never serves
stale content. Entries of old generations are never read again and expire after
PAGE_CACHE_SECONDS.

With PAGE_FILE_CACHE_ROOT set, pages are also written as files for nginx (themes.page_files).
A hit answers a matching If-None-Match with 304.

Only anonymous GET requests are served from the cache: a request carrying a session or messages
cookie (every logged-in editor, every preview) bypasses it, and a response is stored only if it
is a 200 HTML/XML page that set no cookie.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from wagtail.models import DraftStateMixin, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms.core.generation import PAGES, Generation, generation_changed
from cms.core.models import Agency, HostnameAlias, Portal
from cms.core.registry import record_types
from cms.locale import language_for
from themes import page_files
from themes.models import ThemeSettings

CACHEABLE_TYPES = ("text/html", "application/xml", "application/rss+xml", "application/xhtml+xml")
BYPASS_PREFIXES = ("/admin/", "/static/", "/media/")
STORED_HEADERS_EXCLUDED = {"set-cookie", "content-length"}


def cache_seconds():
    """How long a page stays cached at most; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


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
        generation = PAGES.current()
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


# Saves that only record a draft, a lock or the latest revision: nothing public changes.
DRAFT_BOOKKEEPING = {
    "latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
    "locked", "locked_at", "locked_by",
}


def content_changed(**_signal_kwargs):
    """Invalidate every cached page, now and again when the change is committed."""
    PAGES.bump_now_and_on_commit()


def _is_draft_only(instance, update_fields):
    if update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING:
        return True
    never_published = isinstance(instance, DraftStateMixin) and not instance.live and instance.first_published_at is None
    return never_published


def _bump_on_content_change(sender, instance, update_fields=None, **kwargs):
    # Direct saves (the demo loader, reorganisation, imports) change what pages show without a
    # publish signal. Drafts change nothing public.
    if isinstance(instance, (Page, DraftStateMixin)) and not _is_draft_only(instance, update_fields):
        content_changed()


def _switch_page_files(sender, generation, value, **kwargs):
    if generation is PAGES:
        page_files.switch_generation(value)


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"pagecache-{id(signal)}")
    records_without_drafts = [record_type.model for record_type in record_types() if not record_type.publishable]
    for model in (Site, Agency, Portal, HostnameAlias, ThemeSettings, *records_without_drafts):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
    post_save.connect(_bump_on_content_change, dispatch_uid="pagecache-save-content")
    post_delete.connect(_bump_on_content_change, dispatch_uid="pagecache-delete-content")
    generation_changed.connect(_switch_page_files, sender=Generation, dispatch_uid="pagecache-page-files")
