"""Page queries that stay index-friendly on SQLite as well as PostgreSQL.

Wagtail selects a subtree with `path LIKE 'prefix%'`. PostgreSQL answers that from an index;
SQLite (the embedded default) cannot, and scans every page of every portal, so a portal's home
page got slower with each portal added. A subtree is also the half-open range of paths from the
page's own path up to its next sibling's path, which every database answers from the path index.
"""

from django.db.models import Q
from treebeard.exceptions import PathOverflow
from wagtail.models import PageManager
from wagtail.query import PageQuerySet


class PortalPageQuerySet(PageQuerySet):
    def descendant_of_q(self, other, inclusive=False):
        try:
            upper = other._inc_path()
        except PathOverflow:  # the last possible sibling: fall back to the prefix match
            return super().descendant_of_q(other, inclusive)
        lower = Q(path__gte=other.path) if inclusive else Q(path__gt=other.path)
        return lower & Q(path__lt=upper)


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)
