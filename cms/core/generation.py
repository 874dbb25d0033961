"""Generations: counters every server process reads to know that what it keeps is out of date.

A generation is an opaque value that changes whenever what it covers changes. Whatever is derived
from that content (a rendered page, the table of site root paths, a portal's menu) is kept under
the generation it was computed in and is simply never read again once the generation moves on.

Generations, moved by different events:
- PAGES: what every portal's public pages show (rendered-page cache and the nginx page files);
  moved by changes every portal may show: sites, portals, agencies, hostnames.
- one per portal (portal_pages(id)): what that portal's public pages show; moved by a publication
  on it or on a portal below it, or by a record it shows (purge_portals).
- one per portal and page path (page_path(id, path)): what the pages at that path on that portal
  show (all their queries and languages); moved by a change to what they show (themes.shown).
  Nothing else reads it, so it is kept no longer than the cached pages it covers (a value created
  again afterwards is a new one: values start from the clock).
- ROUTING: the sites, portals and the shape of the page tree (root paths, menus, section lookups);
  a draft saved or a record published does not move it.

With a shared cache (CACHE_URL=redis://...) the value lives in the cache. The local-memory default
is private to each process, so the value then lives in a small file per database (under var/, or
the path a setting names) that every worker on the machine reads. A change bumps a generation when
it happens and again once it is committed: whatever was computed from the old content in between
is stored under a value nobody reads any more.

A request reads each generation once (GenerationsPerRequestMiddleware): rendering one page asks
for them dozens of times, and each ask would be a round trip to Redis or a file read. A bump made
by the request itself is seen at once.
"""

import hashlib
import os
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.dispatch import Signal

# Sent with `generation` (a Generation) and `value` (its new value) after every bump.
generation_changed = Signal()

# {generation name: value} read so far by the current request; None outside requests.
_read_in_this_request = ContextVar("generations_read_in_this_request", default=None)
# What a bulk change (coalesced_bumps) does when it ends; None outside one.
_bumps_when_done = ContextVar("generations_bumped_when_done", default=None)


class _BulkChange:
    def __init__(self):
        self.bumps = {}  # {generation name: Generation}
        self.collected = {}  # {key: (set of items, finish(items))}

    def end(self):
        for generation in self.bumps.values():
            generation.bump_now_and_on_commit()
        for items, finish in self.collected.values():
            finish(items)


@contextmanager
def read_once():
    """Within the block each generation is read once, and read again after a bump."""
    token = _read_in_this_request.set({})
    try:
        yield
    finally:
        _read_in_this_request.reset(token)


@contextmanager
def coalesced_bumps():
    """A bulk change (an import of thousands of records): within the block, each generation that
    would be bumped now and on commit is noted instead, and bumped once, now and on commit, when the
    block ends. Pages computed meanwhile are kept under values that have moved on by then."""
    bulk = _BulkChange()
    token = _bumps_when_done.set(bulk)
    try:
        yield
    finally:
        _bumps_when_done.reset(token)
        bulk.end()


def collected_until_bulk_ends(key, finish):
    """Within coalesced_bumps(): the set collected under `key` in this block, handed once to
    `finish(items)` when the block ends, after its bumps; None outside one."""
    bulk = _bumps_when_done.get()
    if bulk is None:
        return None
    return bulk.collected.setdefault(key, (set(), finish))[0]


class GenerationsPerRequestMiddleware:
    """Each request reads each generation once (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with read_once():
            return self.get_response(request)


def _shared_through_files():
    """A local-memory cache lives in one process; server workers then share values through files."""
    return isinstance(caches["default"], LocMemCache)


def _database_identity():
    database = connection.settings_dict
    identity = "|".join(str(database.get(part, "")) for part in ("ENGINE", "HOST", "PORT", "NAME"))
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


class Generation:
    def __init__(self, name, file_setting, timeout=None):
        self.name = name
        self.file_setting = file_setting
        self.cache_key = f"generation:{name}"
        self.timeout = timeout  # seconds a shared cache keeps the value; None: for ever

    def __repr__(self):
        return f"Generation({self.name!r})"

    def file(self):
        """One file per database: the processes serving the same content share it, others don't."""
        configured = getattr(settings, self.file_setting, None)
        if configured:
            return Path(configured)
        return Path(settings.BASE_DIR) / "var" / f"{self.name}-generation-{_database_identity()}"

    def current(self):
        """The value, as this request first read it (read_once) or as it is now outside requests."""
        read = _read_in_this_request.get()
        if read is None:
            return self.latest()
        if self.name not in read:
            read[self.name] = self.latest()
        return read[self.name]

    def latest(self):
        """The value as it is now, whatever this request read before."""
        if _shared_through_files():
            try:
                return self.file().read_text()
            except FileNotFoundError:
                return "0"
        value = cache.get(self.cache_key)
        if value is None:
            # A fresh, time-based start never collides with a value used before an eviction.
            cache.add(self.cache_key, time.time_ns(), timeout=self.timeout)
            value = cache.get(self.cache_key)
        return value

    def bump(self):
        if _shared_through_files():
            self._write_file()
        else:
            try:
                cache.incr(self.cache_key)
            except ValueError:
                cache.add(self.cache_key, time.time_ns(), timeout=self.timeout)
        read = _read_in_this_request.get()
        if read is not None:
            read.pop(self.name, None)
        generation_changed.send(sender=Generation, generation=self, value=self.current())

    def bump_now_and_on_commit(self, **_signal_kwargs):
        """Usable as a signal receiver."""
        bulk = _bumps_when_done.get()
        if bulk is not None:
            bulk.bumps[self.name] = self
            return
        self.bump()
        transaction.on_commit(self.bump)

    def _write_file(self):
        path = self.file()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_text(f"{time.time_ns()}-{os.getpid()}")
        os.replace(temporary, path)  # readers see the old or the new value, never a partial one


PAGES = Generation("pages", "PAGE_CACHE_GENERATION_FILE")


class PortalPagesGeneration(Generation):
    """One portal's public pages; with files, its file sits beside the PAGES one."""

    def __init__(self, portal_id):
        super().__init__(f"pages-portal-{portal_id}", None)
        self.portal_id = portal_id

    def file(self):
        shared = PAGES.file()
        return shared.with_name(f"{shared.name}-portal-{self.portal_id}")


def portal_pages(portal_id):
    return PortalPagesGeneration(portal_id)


class PagePathGeneration(Generation):
    """The pages at one path of one portal; with files, one small file per path beside the portal's."""

    def __init__(self, portal_id, path):
        digest = hashlib.sha256(path.encode()).hexdigest()[:24]
        super().__init__(f"pages-portal-{portal_id}-path-{digest}", None,
                         timeout=max(getattr(settings, "PAGE_CACHE_SECONDS", 600), 1))
        self.portal_id, self.path, self.digest = portal_id, path, digest

    def file(self):
        portal = portal_pages(self.portal_id).file()
        return portal.with_name(f"{portal.name}-paths") / self.digest


def page_path(portal_id, path):
    return PagePathGeneration(portal_id, path)


def purge_paths(portal_id, paths):
    """The cached pages at these paths of this portal are out of date, now and once committed."""
    for path in sorted(set(paths)):
        page_path(portal_id, path).bump_now_and_on_commit()


def purge_portals(portal_ids):
    """Every cached page of these portals is out of date, now and once the change is committed."""
    for portal_id in sorted(set(portal_ids)):
        portal_pages(portal_id).bump_now_and_on_commit()
ROUTING = Generation("routing", "ROUTING_GENERATION_FILE")
