"""Page URLs and per-portal page lookups for hundreds of portals, at a cost that does not grow
with the number of portals.

Wagtail turns a page's url_path into a URL by scanning the list of every site's root path, and
loads that list from the cache (unpickling it) on every request. With 600+ portals that scan
dominates rendering. Here the list is kept in process memory, indexed by root path, and a page
finds its site by looking up each prefix of its own url_path: a handful of dictionary lookups,
whatever the number of portals; Page.get_url counts the sites once, not on every call.
install() gives every page object this lookup, base Page objects (menus, breadcrumbs) included.

What is kept in memory is rebuilt when the ROUTING generation (cms.core.generation) changes: a site
or portal saved or deleted, a page created, published, unpublished, moved, renamed or deleted, in
every server process. Draft saves and record publications leave it alone.
"""

import inspect
from collections import defaultdict

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.models.sites import SiteRootPath
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.core.models import HostnameAlias, Portal, served_root_url

from cms.core.generation import ROUTING

_memo = {"generation": None, "root_paths": None, "values": {}}


def _current_memo():
    global _memo
    generation = ROUTING.current()
    if _memo["generation"] != generation:
        _memo = {"generation": generation, "root_paths": None, "values": {}}
    return _memo


def site_root_paths():
    """(root paths in Wagtail's order, {root_path: [(position, site root path)]}, number of sites)."""
    memo = _current_memo()
    if memo["root_paths"] is None:
        Site.clear_site_root_paths_cache()  # Wagtail's own copy may predate another process's change
        paths = tuple(wagtail_site_root_paths())
        index = {}
        for position, root_path in enumerate(paths):
            index.setdefault(root_path.root_path, []).append((position, root_path))
        memo["root_paths"] = (paths, index, len({root_path.site_id for root_path in paths}))
    return memo["root_paths"]


def wagtail_site_root_paths():
    """Site.get_site_root_paths() as Wagtail computes it with internationalisation on (each site's
    home page and the home page's translations), read afresh in two queries instead of one per site."""
    sites = list(Site.objects.select_related("root_page").order_by("-root_page__url_path", "-is_default_site", "hostname"))
    homes = defaultdict(list)
    for page in Page.objects.filter(translation_key__in={site.root_page.translation_key for site in sites}).select_related(
            "locale").order_by("path"):
        homes[page.translation_key].append(page)
    return [SiteRootPath(site.id, home.url_path, site.root_url, home.locale.language_code)
            for site in sites for home in homes[site.root_page.translation_key]]


def tree_memo(key, compute):
    """compute(), derived from the page tree, kept in this process until the content changes."""
    values = _current_memo()["values"]
    if key not in values:
        values[key] = compute()
    return values[key]


def relevant_site_root_paths(url_path):
    """Root paths of the sites a page with this url_path belongs to, in Wagtail's order."""
    _paths, index, _sites = site_root_paths()
    matches = []
    end = url_path.find("/", 1)
    while end != -1:
        matches.extend(index.get(url_path[: end + 1], ()))
        end = url_path.find("/", end + 1)
    return tuple(root_path for _position, root_path in sorted(matches, key=lambda match: match[0]))


def portal_map():
    """Which portal serves each hostname, site and agency; kept in this process until routing changes."""
    return tree_memo("portal-map", _portal_map)


def _portal_map():
    rows = list(Portal.objects.values_list("pk", "site_id", "site__hostname", "agency_id"))
    return {
        "hosts": {hostname.lower(): pk for pk, _site, hostname, _agency in rows if hostname},
        "sites": {site: pk for pk, site, _hostname, _agency in rows if site},
        "agencies": {agency: pk for pk, _site, _hostname, agency in rows if agency},
    }


def portal_of_host(hostname):
    return portal_map()["hosts"].get(hostname.lower())


def hostnames_of_portal(portal_id):
    return [hostname for hostname, pk in portal_map()["hosts"].items() if pk == portal_id]


def portal_of_site(site_id):
    return portal_map()["sites"].get(site_id)


def portals_of_page(tree_path):
    """Ids of the portals whose site's root is the page at this tree path or one of its ancestors.
    One indexed query: it runs on every page save, when the routing tables may be out of date."""
    prefixes = [tree_path[:end] for end in range(Page.steplen, len(tree_path) + 1, Page.steplen)]
    return set(Portal.objects.filter(site__root_page__path__in=prefixes).values_list("pk", flat=True))


def portals_of_agencies(agency_ids):
    agencies = portal_map()["agencies"]
    return {agencies[agency] for agency in agency_ids if agency in agencies}


def _get_site_root_paths(page, cache_object=None, **kwargs):
    paths = site_root_paths()[0]
    if cache_object is not None:
        # wagtail.contrib.redirects reads the cached copy back from the request.
        cache_object._wagtail_cached_site_root_paths = paths
    return paths


def _get_relevant_site_root_paths(page, cache_object=None):
    _get_site_root_paths(page, cache_object)  # keeps the request's cached copy, as Wagtail does
    return relevant_site_root_paths(page.url_path)


def _get_url(page, request=None, current_site=None):
    """Wagtail's Page.get_url: the local path on the page's own site (or with a single site),
    the full URL otherwise (with the scheme and port the visitor uses); None when the page is not
    routable."""
    if current_site is None and request is not None:
        current_site = Site.find_for_request(request)
    url_parts = page.get_url_parts(request=request)
    if url_parts is None or url_parts[1] is None and url_parts[2] is None:
        return None
    site_id, root_url, page_path = url_parts
    if (current_site is not None and site_id == current_site.id) or site_root_paths()[2] == 1:
        return page_path
    return served_root_url(root_url, request) + page_path


def _page_saved(sender, instance, created, **kwargs):
    if created and isinstance(instance, Page):
        ROUTING.bump_now_and_on_commit()


def _page_deleted(sender, instance, **kwargs):
    if sender is Page:  # deleting a page of any type deletes its base Page row too: once per page
        ROUTING.bump_now_and_on_commit()


def connect_signals():
    """Whatever changes a site, a portal or the page tree's shape moves the ROUTING generation."""
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(ROUTING.bump_now_and_on_commit, dispatch_uid=f"routing-{id(signal)}")
    for model in (Site, Portal, HostnameAlias):
        post_save.connect(ROUTING.bump_now_and_on_commit, sender=model, dispatch_uid=f"routing-save-{model.__name__}")
        post_delete.connect(ROUTING.bump_now_and_on_commit, sender=model, dispatch_uid=f"routing-delete-{model.__name__}")
    post_save.connect(_page_saved, dispatch_uid="routing-page-created")
    post_delete.connect(_page_deleted, dispatch_uid="routing-page-deleted")


# Wagtail internals replaced for every Page object (checked by sites.checks on the tested Wagtail
# versions; tests/sites/test_routing_contract.py compares them with Wagtail's own).
REPLACEMENTS = {
    "_get_site_root_paths": _get_site_root_paths,
    "_get_relevant_site_root_paths": _get_relevant_site_root_paths,
    "get_url": _get_url,
    "url": property(_get_url),
}
WAGTAIL_ORIGINALS = {}


def install():
    """Wagtail's URL machinery, for every Page object, fed from the indexed in-process copy."""
    connect_signals()
    for name, replacement in REPLACEMENTS.items():
        WAGTAIL_ORIGINALS.setdefault(name, inspect.getattr_static(Page, name))
        setattr(Page, name, replacement)
