"""The XML site map of a portal (Decree 43/2011 Art. 16; Circular 32/2017 Art. 16)."""

from wagtail.contrib.sitemaps import Sitemap


class PortalSitemap(Sitemap):
    """Wagtail's site map of the requested portal, its pages built from the page table alone:
    a location and a publication date need no page type's own fields, so a portal of any number
    of page types costs one query, not one per type."""

    def items(self):
        return super().items().specific(defer=True)
