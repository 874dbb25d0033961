"""Serialisation of records and pages to index entries (plain dicts, the _source of SearchEntry).

A record type declares its own entry fields beside its model (cms.core.registry.SearchSpec); what
every entry has is added here: kind, id, owner, the portals it appears on (the registry's
definition of which portals show a record), its URL, and the folded title and body. A page
appears on the portal of its site.
"""

from functools import partial

from wagtail.models import Page

from cms.core.models import Agency, Portal
from cms.core.registry import record_type, searchable_record_types
from cms.core.text import plain_text
from search.analysis import fold_aligned
from search.documents import SearchEntry
from search.models import PAGE


def entry_source(*, title, body, attachments="", **fields):
    return {
        "title": title, "body": body, "attachments": attachments, "title_folded": fold_aligned(title),
        "body_folded": fold_aligned(body), "attachments_folded": fold_aligned(attachments), **fields,
    }


class PortalMap:
    """The agency tree, portals and listing pages, loaded once per batch of entries."""

    def __init__(self):
        self.agency_path = dict(Agency.objects.values_list("pk", "path"))
        portals = list(Portal.objects.select_related("site__root_page"))
        self.portal_of_agency = {p.agency_id: p.pk for p in portals if p.agency_id}
        self.portal_of_site = {p.site_id: p.pk for p in portals}
        self.root_of_portal = {p.pk: p.site.root_page for p in portals}
        self._listings = {}

    def listing(self, kind, portal_id):
        """(listing page, root url, path) of the portal's first live listing page for kind, or None."""
        if (kind, portal_id) not in self._listings:
            self._listings[kind, portal_id] = self._find_listing(kind, portal_id)
        return self._listings[kind, portal_id]

    def _find_listing(self, kind, portal_id):
        root = self.root_of_portal.get(portal_id)
        model = record_type(kind).listing_page_model
        page = root and model and model.objects.live().descendant_of(root, inclusive=True).order_by("path").first()
        parts = page.get_url_parts() if page else None
        return (page, parts[1], parts[2]) if parts else None

    def ancestors(self, agency_id):
        path = self.agency_path.get(agency_id, "")
        return [int(part) for part in path.strip("/").split("/") if part]

    def portals_for(self, kind, record):
        """Ids of the portals showing the record (the registry's definition, in Python)."""
        rtype = record_type(kind)
        owner_path = self.agency_path.get(rtype.owner_id(record), "")
        agencies = rtype.agencies_showing(owner_path, rtype.concerned_ids(record))
        return sorted({self.portal_of_agency[a] for a in agencies if a in self.portal_of_agency})

    def record_urls(self, kind, record):
        """(url, path) of the record on the nearest portal of its owner that lists such records."""
        for agency_id in reversed(self.ancestors(record_type(kind).owner_id(record))):
            listing = self.listing(kind, self.portal_of_agency.get(agency_id))
            if listing:
                page, root_url, path = listing
                path = path + page.reverse_subpage("detail_view", args=[record.pk])
                return root_url + path, path
        return "", ""


def record_entry(kind, record, portals):
    url, path = portals.record_urls(kind, record)
    rtype = record_type(kind)
    return entry_source(
        kind=kind, object_id=record.pk, owner_agency=rtype.owner_id(record), portals=portals.portals_for(kind, record),
        url=url, path=path, group=group_of(rtype, record), **rtype.search.entry(record),
    )


def group_of(rtype, record):
    """The group of near-duplicates a record belongs to (SearchSpec.grouped_by_title), else its own."""
    return title_group(rtype.key, record.folded_title) if rtype.search.grouped_by_title else entry_id(rtype.key, record.pk)


def title_group(kind, folded_title):
    """The group of the records of a kind with this folded title (cms.records.folded_words)."""
    return f"{kind}:{folded_title.strip()}"


def page_entry(page, portals):
    """None for a page outside every site (it has no URL)."""
    site_id, root_url, path = page.get_url_parts() or (None, None, None)
    if site_id is None:
        return None
    parts = [page.search_description, getattr(page, "intro", ""), getattr(page, "body", "")]
    if hasattr(page, "record_text"):  # a gazette issue, project or programme: its fields
        parts.append(page.record_text())
    published = page.last_published_at or page.first_published_at
    date = getattr(page, "date", None) or (published.date() if published else None)
    return entry_source(
        kind=PAGE, object_id=page.pk, title=page.title, body=" ".join(plain_text(str(p)) for p in parts if p),
        in_force=True, date=date, year=date.year if date else None, group=entry_id(PAGE, page.pk),
        portals=[portals.portal_of_site[site_id]] if site_id in portals.portal_of_site else [],
        url=root_url + path, path=path,
    )


def sources():
    """kind -> (queryset of indexable objects, serialiser), for every kind the index holds."""
    found = {
        rtype.key: (rtype.model.objects.live().prefetch_related(*rtype.search.prefetch), partial(record_entry, rtype.key))
        for rtype in searchable_record_types()
    }
    found[PAGE] = (Page.objects.live().public().filter(depth__gt=1).specific(), page_entry)
    return found


def entries(kind, ids=None, portals=None):
    """(object id, entry or None) for the indexable objects of a kind, optionally only some ids."""
    queryset, serialise = sources()[kind]
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    portals = portals or PortalMap()
    for obj in queryset.order_by("pk").iterator(chunk_size=500):
        yield obj.pk, serialise(obj, portals)


def entry_id(kind, object_id):
    return SearchEntry.entry_id(kind, object_id)
