"""A portal's pages as the compliance report reads them: loaded once, found by the section code
the blueprint gave them, and their children without another query."""

import operator
from collections import defaultdict
from functools import cached_property, reduce

from django.db.models import Q
from wagtail.models import Page


class PortalPages:
    """Every page of one portal (specific, in tree order): one query per page type in the portal,
    however many rules read them afterwards (or `pages`, when the caller loaded them already)."""

    def __init__(self, portal, pages=None):
        self.all = list(portal.site.root_page.get_descendants(inclusive=True).specific()) if pages is None else pages

    @classmethod
    def of_portals(cls, portals):
        """{portal pk: PortalPages} for several portals, loaded together: one query per page type."""
        portal_of_root = {portal.site.root_page.path: portal for portal in portals}
        pages = defaultdict(list)
        within = reduce(operator.or_, (Q(path__startswith=path) for path in portal_of_root), Q(pk__in=[]))
        for page in Page.objects.filter(within).order_by("path").specific():
            for end in range(Page.steplen, len(page.path) + 1, Page.steplen):  # every portal above the page
                if page.path[:end] in portal_of_root:
                    pages[portal_of_root[page.path[:end]].pk].append(page)
        return {portal.pk: cls(portal, pages[portal.pk]) for portal in portals}

    @cached_property
    def live(self):
        return [page for page in self.all if page.live]

    @cached_property
    def sections(self):
        """Pages carrying a section code, by code, shallowest first."""
        index = defaultdict(list)
        for page in sorted(self.all, key=lambda page: page.depth):
            if getattr(page, "section_code", ""):
                index[page.section_code].append(page)
        return index

    @cached_property
    def _children(self):
        children = defaultdict(list)
        for page in self.all:
            children[page.path[:-Page.steplen]].append(page)
        return children

    def live_within(self, page):
        """The page, if live, and its live descendants."""
        return [other for other in self.live if other.path.startswith(page.path)]

    def last_published(self, page):
        """When anything live in the page's branch was last published (None if nothing was)."""
        return max((other.last_published_at for other in self.live_within(page) if other.last_published_at), default=None)

    def live_children(self, page):
        return [child for child in self._children.get(page.path, []) if child.live]


def section_index(portal):
    """The portal's pages carrying a section code, by code, shallowest first."""
    return PortalPages(portal).sections


def section_page(portal, code, index=None):
    """The shallowest page of the portal carrying this section code (from `index`, the portal's
    section_index, when the caller has it)."""
    pages = (section_index(portal) if index is None else index).get(code)
    return pages[0] if pages else None
