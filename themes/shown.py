"""Which public paths show a page or a record, portal by portal: what a change purges from the page
cache and nginx's page files (themes.cache) and from a CDN in front (themes.frontend_cache), the
way cache tags and surrogate keys work.

On each portal that shows a changed object:
- its own page (a record: its detail page under each list page of its type, or the list page
  itself when the type has no detail pages), the pages above it, the portal's home, sitemap.xml,
  search page and the pages that draw the page tree (the site map);
- every page (EVERY_PAGE), when every page shows it: a top-level page (the menu), the portal's
  branding, an emergency notice (a banner), or a page whose title or address changed while pages
  below it show them (breadcrumbs, addresses);
- the home page for an ordinary notice, on each portal it targets.
Shown in passing: the live records and pages related to it in either direction, directly or through
an inline, show it on their own page (a document's related documents, the procedures citing it as
legal basis, the gazette issues listing it), and so do a page's translations (their hreflang links);
their own pages are purged on the portals showing them.
The relations come from the models' metadata, so a new one is covered the day it is declared.

A path stands for the views showing the page at that path too: its print and download views and,
for a section, its feed (PAGE_VIEWS in themes.urls).
"""

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from django.db.models import ForeignKey, ForeignObjectRel, ManyToManyField
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from wagtail.models import DraftStateMixin, Page

from cms.core.models import Agency, Portal
from cms.core.registry import record_type_for
from cms.notices.models import Notice
from sites.routing import portals_of_agencies, portals_of_page, portal_of_site
from themes.models import ThemeSettings
from themes.urls import PAGE_VIEWS

EVERY_PAGE = "*"
SITEMAP_PATH = "/sitemap.xml"


def search_path():
    return reverse("search:page")


# -- which portals ------------------------------------------------------------------------------

def portals_showing(instance):
    """The portals whose pages show this page or record, or None when any portal may show it."""
    if isinstance(instance, Page):
        return portals_of_page(instance.path)
    if isinstance(instance, ThemeSettings):
        return {portal_of_site(instance.site_id)} - {None}
    if isinstance(instance, Notice):
        return portals_of_agencies(instance.targeted_agency_ids())
    rtype = record_type_for(type(instance))
    if rtype is None:
        return None
    owner_path = Agency.objects.filter(pk=rtype.owner_id(instance)).values_list("path", flat=True).first() or ""
    return portals_of_agencies(rtype.agencies_showing(owner_path, rtype.concerned_ids(instance)))


def tracks_portals(model):
    """Whether a change may take instances of `model` off portals (the portals showing one before a
    change are purged too)."""
    return issubclass(model, (Page, Notice)) or record_type_for(model) is not None


def shown_on_every_page_before(before, instance):
    """Whether every page of the portals showing `before` showed it and changes with `instance`: a
    page whose title or address, shown below it, changes; an emergency notice."""
    if isinstance(instance, Page):
        return bool(instance.numchild) and (before.title, before.slug) != (instance.title, instance.slug)
    return isinstance(before, Notice) and before.emergency


def paths_by_portal(instance, portal_ids, old_url_path=None, every_page=False, holders_before=(), created=False):
    """{portal id: paths showing `instance` there}, including the pages showing it in passing."""
    plan = defaultdict(set)
    for portal_id, root in site_roots(portal_ids).items():
        plan[portal_id] |= paths_showing(instance, root, old_url_path, every_page)
    for holder in {*holders_in_passing(instance, created), *holders_before}:
        for portal_id, root in site_roots(portals_showing(holder) or ()).items():
            plan[portal_id] |= own_paths(holder, root)
    return dict(plan)


class Root(NamedTuple):
    """Where a portal's site starts in the page tree."""

    path: str
    depth: int
    url_path: str


def site_roots(portal_ids):
    """{portal id: Root} of these portals' sites."""
    rows = Portal.objects.filter(pk__in=portal_ids, site__isnull=False).values_list(
        "pk", "site__root_page__path", "site__root_page__depth", "site__root_page__url_path")
    return {pk: Root(*root) for pk, *root in rows}


# -- which paths on a portal ----------------------------------------------------------------------

def paths_showing(instance, root, old_url_path=None, every_page=False):
    """Paths on the site under `root` that show `instance` (EVERY_PAGE stands for all of them)."""
    if every_page or isinstance(instance, ThemeSettings) or _is_in_menu(instance, root):
        return {EVERY_PAGE, *_path_and_sections(old_url_path, root)}
    if isinstance(instance, Notice):
        return {EVERY_PAGE} if instance.emergency else {"/"}
    if isinstance(instance, Page):
        url_paths = [instance.url_path, old_url_path]
        tree_pages = _page_tree_paths(root)
    else:
        url_paths, tree_pages = _listing_paths(instance, root), set()
    paths = {"/", SITEMAP_PATH, search_path(), *tree_pages}
    for url_path in url_paths:
        paths |= _path_and_sections(url_path, root)
    return paths


def own_paths(instance, root):
    """The paths of the page(s) showing `instance` itself on the site under `root`."""
    if isinstance(instance, Page):
        return {_site_path(instance.url_path, root)} - {None}
    return {_site_path(url_path, root) for url_path in _listing_paths(instance, root)} - {None}


def every_page_paths(root):
    """The paths of every live page on the site under `root`, sitemap.xml and the search page."""
    url_paths = Page.objects.live().filter(path__startswith=root.path).values_list("url_path", flat=True)
    return {SITEMAP_PATH, search_path()} | {_site_path(url_path, root) for url_path in url_paths}


def views_of_path(path):
    """The paths of the views showing the page at `path`: itself, its print and download views, its feed."""
    paths = {path}
    for view_name, argument in PAGE_VIEWS.items():
        try:
            paths.add(reverse(view_name, kwargs={argument: path.lstrip("/")}))
        except NoReverseMatch:  # the home and sitemap.xml have no feed
            pass
    return paths


def page_path_of(request_path):
    """The path of the page a request shows (a print view, a download or a feed show the page's)."""
    try:
        match = resolve(request_path)
    except Resolver404:
        return request_path
    argument = PAGE_VIEWS.get(match.url_name)
    return "/" + match.kwargs[argument] if argument else request_path


def _is_in_menu(instance, root):
    return isinstance(instance, Page) and instance.path.startswith(root.path) and instance.depth <= root.depth + 1


def _page_tree_paths(root):
    """The pages drawing the portal's page tree (a site map) show every page's title and address."""
    from cms.pages.models import SitemapPage

    url_paths = SitemapPage.objects.live().filter(path__startswith=root.path).values_list("url_path", flat=True)
    return {_site_path(url_path, root) for url_path in url_paths} - {None}


def _listing_paths(record, root):
    """The tree paths of the record's detail page under each of the site's pages listing its type,
    or of those pages themselves when its type has no detail page."""
    record_type = record_type_for(type(record))
    model = record_type.listing_page_model if record_type else None
    if model is None or record.pk is None:
        return []
    pages = model.objects.live().filter(path__startswith=root.path).only("url_path")
    if not hasattr(model, "reverse_subpage"):
        return [page.url_path for page in pages]
    return [page.url_path + page.reverse_subpage("detail_view", args=[record.pk]).lstrip("/") for page in pages]


def _site_path(url_path, root):
    if not url_path or not url_path.startswith(root.url_path):
        return None
    return "/" + url_path[len(root.url_path):]


def _path_and_sections(url_path, root):
    """A page's path on its site and the paths of the pages above it (the home included)."""
    path = _site_path(url_path, root)
    if path is None:
        return set()
    segments = path.strip("/").split("/")
    return {"/", path} | {"/" + "".join(f"{segment}/" for segment in segments[:count]) for count in range(1, len(segments))}


# -- shown in passing ---------------------------------------------------------------------------------

def holders_in_passing(instance, created=False):
    """The live records and pages showing `instance` on their own page (see the module's docstring).
    Nothing refers yet to one just `created`: only its own keys are followed."""
    if instance.pk is None:
        return set()
    links = [link for link in _links(type(instance)) if link.via is type(instance) or not created]
    holders = {holder for link in links for holder in link.holders(instance)}
    if isinstance(instance, Page):  # a page's translations name it (hreflang)
        holders |= set(Page.objects.live().filter(translation_key=instance.translation_key).exclude(pk=instance.pk))
    holders.discard(instance)
    return holders


class _Link:
    """Records or pages of `holder_model` whose ids are `holder_key` of the `via` rows reaching an
    instance through `instance_key`."""

    def __init__(self, holder_model, via, instance_key, holder_key):
        self.holder_model, self.via, self.instance_key, self.holder_key = holder_model, via, instance_key, holder_key
        self.holder_key_is_many = holder_key != "pk" and via._meta.get_field(holder_key).many_to_many

    def holders(self, instance):
        if self.via is type(instance) and self.instance_key == "pk" and not self.holder_key_is_many:
            ids = list(filter(None, [getattr(instance, f"{self.holder_key}_id")]))  # its own key: no query
            if not ids:
                return []
        else:
            ids = self.via._default_manager.filter(**{self.instance_key: instance.pk}).values(self.holder_key)
        found = self.holder_model._default_manager.filter(pk__in=ids)
        return found.filter(live=True) if issubclass(self.holder_model, (Page, DraftStateMixin)) else found


@lru_cache(maxsize=None)
def _links(model):
    """Every way from `model` to records or pages: its own keys, other models' keys to it, and the
    keys of inlines and relation tables holding a key to it."""
    links = []
    for field in model._meta.get_fields(include_hidden=True):
        if isinstance(field, (ForeignKey, ManyToManyField)) and not field.remote_field.parent_link:
            if _may_hold(field.related_model):
                links.append(_Link(field.related_model, model, "pk", field.name))
        elif _is_reverse_key(field):
            links += _links_from_rows(field.related_model, field.field.name)
    return tuple(links)


def _links_from_rows(rows_model, key_to_instance):
    """Links from rows of `rows_model` reaching an instance through `key_to_instance`."""
    if _may_hold(rows_model):
        return [_Link(rows_model, rows_model, key_to_instance, "pk")]
    return [
        _Link(key.related_model, rows_model, key_to_instance, key.name)
        for key in rows_model._meta.get_fields(include_hidden=True)
        if _is_key(key) and key.name != key_to_instance and _may_hold(key.related_model)
    ]


def _is_reverse_key(field):
    """Another model's key to this one (not a parent link, nor the table behind a many-to-many field)."""
    return (isinstance(field, ForeignObjectRel) and _is_key(field.field) and not field.parent_link
            and not field.related_model._meta.auto_created)


def _is_key(field):
    return isinstance(field, (ForeignKey, ManyToManyField))


def _may_hold(model):
    return isinstance(model, type) and (issubclass(model, Page) or record_type_for(model) is not None)
