"""Page URLs for hundreds of portals at a cost that does not grow with the number of portals.

Wagtail turns a page's url_path into a URL by scanning the list of every site's root path, and
loads that list from the cache (unpickling it) on every request. With 600+ portals that scan
dominates rendering. Here the list is kept in process memory, indexed by root path, and rebuilt
only when a shared version number changes: any Site change, and any page save or move (which
may change a site root's url_path), bumps it. A page then finds its site by looking up each
prefix of its own url_path: a handful of dictionary lookups, whatever the number of portals.
"""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import post_page_move

VERSION_KEY = "portal-site-root-paths:version"
_memo = (None, (), {})  # (version, root paths in Wagtail's order, {root_path: [(position, srp)]})


def _current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def site_root_paths():
    global _memo
    version = _current_version()
    if _memo[0] != version:
        paths = tuple(Site.get_site_root_paths())
        index = {}
        for position, root_path in enumerate(paths):
            index.setdefault(root_path.root_path, []).append((position, root_path))
        _memo = (version, paths, index)
    return _memo


def relevant_site_root_paths(url_path):
    """Root paths of the sites a page with this url_path belongs to, in Wagtail's order."""
    _version, _paths, index = site_root_paths()
    matches = []
    end = url_path.find("/", 1)
    while end != -1:
        matches.extend(index.get(url_path[: end + 1], ()))
        end = url_path.find("/", end + 1)
    return tuple(root_path for _position, root_path in sorted(matches, key=lambda match: match[0]))


class FastSiteRootPathsMixin:
    """For Page subclasses: Wagtail's URL machinery, fed from the indexed in-process copy."""

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        paths = site_root_paths()[1]
        if cache_object is not None:
            # wagtail.contrib.redirects reads the cached copy back from the request.
            cache_object._wagtail_cached_site_root_paths = paths
        return paths

    def _get_relevant_site_root_paths(self, cache_object=None):
        self._get_site_root_paths(cache_object)  # keeps the request's cached copy, as Wagtail does
        return relevant_site_root_paths(self.url_path)


def page_saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_version()


def connect():
    post_save.connect(bump_version, sender=Site, dispatch_uid="routing-site-saved")
    post_delete.connect(bump_version, sender=Site, dispatch_uid="routing-site-deleted")
    post_save.connect(page_saved, dispatch_uid="routing-page-saved")
    post_page_move.connect(bump_version, dispatch_uid="routing-page-moved")
