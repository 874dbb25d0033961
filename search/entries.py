"""Serialisation of records and pages to index entries (plain dicts, the _source of SearchEntry).

An entry lists the portals it appears on: a record appears on the portals of its owner and the
owner's ancestors and of every concerned or implementing agency (as PortalScopedQuerySet.for_agency
selects them); a page appears on the portal of its site.
"""

import html

from django.utils.html import strip_tags
from wagtail.models import Page

from cms.documents.models import EffectStatus, LegalDocument
from cms.pages.models import LegalDocumentIndexPage, ProcedureIndexPage
from cms.procedures.models import Procedure
from search.analysis import fold_aligned
from search.documents import SearchEntry
from search.models import EntryKind
from cms.core.models import Agency, Portal

IN_FORCE_STATUSES = {EffectStatus.IN_FORCE, EffectStatus.PARTLY_EXPIRED}
LISTING_PAGES = {EntryKind.DOCUMENT: LegalDocumentIndexPage, EntryKind.PROCEDURE: ProcedureIndexPage}


def plain_text(rich_text):
    """Visible text of rich text HTML, whitespace collapsed; tags separate words."""
    return " ".join(html.unescape(strip_tags((rich_text or "").replace("<", " <"))).split())


def entry_source(*, title, body, **fields):
    return {"title": title, "body": body, "title_folded": fold_aligned(title), "body_folded": fold_aligned(body), **fields}


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
        model = LISTING_PAGES[kind]
        page = root and model.objects.live().descendant_of(root, inclusive=True).order_by("path").first()
        parts = page.get_url_parts() if page else None
        return (page, parts[1], parts[2]) if parts else None

    def ancestors(self, agency_id):
        path = self.agency_path.get(agency_id, "")
        return [int(part) for part in path.strip("/").split("/") if part]

    def portals_for(self, owner_id, other_agency_ids):
        agencies = set(self.ancestors(owner_id)) | set(other_agency_ids)
        return sorted({self.portal_of_agency[a] for a in agencies if a in self.portal_of_agency})

    def record_urls(self, kind, record):
        """(url, path) of the record on the nearest portal of its owner that lists such records."""
        for agency_id in reversed(self.ancestors(record.owner_agency_id)):
            listing = self.listing(kind, self.portal_of_agency.get(agency_id))
            if listing:
                page, root_url, path = listing
                path = path + page.reverse_subpage("detail_view", args=[record.pk])
                return root_url + path, path
        return "", ""


def document_entry(document, portals):
    url, path = portals.record_urls(EntryKind.DOCUMENT, document)
    issue_date = document.issue_date
    return entry_source(
        kind=EntryKind.DOCUMENT, object_id=document.pk,
        title=f"{document.title} — {document.abstract}",
        body=" ".join([document.issuing_body, document.signer, plain_text(document.body)]),
        number=document.number, number_key=document.number_key,
        document_type=str(document.document_type_id), issuing_body=document.issuing_body,
        sectors=[sector.code for sector in document.sectors.all()],
        effect_status=document.effect_status, in_force=document.effect_status in IN_FORCE_STATUSES,
        issue_date=issue_date, effective_date=document.effective_date, date=issue_date, year=issue_date.year,
        owner_agency=document.owner_agency_id,
        portals=portals.portals_for(document.owner_agency_id, [a.pk for a in document.concerned_agencies.all()]),
        url=url, path=path,
    )


def procedure_entry(procedure, portals):
    url, path = portals.record_urls(EntryKind.PROCEDURE, procedure)
    body = [procedure.code, procedure.result, procedure.applicants, plain_text(procedure.steps), procedure.requirements]
    return entry_source(
        kind=EntryKind.PROCEDURE, object_id=procedure.pk, title=procedure.name, body=" ".join(body),
        sectors=[procedure.sector.code], level=procedure.level, service_level=procedure.service_level or None,
        in_force=True, date=procedure.updated_at.date(), owner_agency=procedure.owner_agency_id,
        portals=portals.portals_for(procedure.owner_agency_id, [a.pk for a in procedure.implementing_agencies.all()]),
        url=url, path=path,
    )


def page_entry(page, portals):
    """None for a page outside every site (it has no URL)."""
    site_id, root_url, path = page.get_url_parts() or (None, None, None)
    if site_id is None:
        return None
    parts = [page.search_description, getattr(page, "intro", ""), getattr(page, "body", "")]
    published = page.last_published_at or page.first_published_at
    date = getattr(page, "date", None) or (published.date() if published else None)
    return entry_source(
        kind=EntryKind.PAGE, object_id=page.pk, title=page.title, body=" ".join(plain_text(str(p)) for p in parts if p),
        in_force=True, date=date, year=date.year if date else None,
        portals=[portals.portal_of_site[site_id]] if site_id in portals.portal_of_site else [],
        url=root_url + path, path=path,
    )


# kind -> (queryset of indexable objects, serialiser)
SOURCES = {
    EntryKind.DOCUMENT: (
        lambda: LegalDocument.objects.live().select_related("document_type").prefetch_related("sectors", "concerned_agencies"),
        document_entry,
    ),
    EntryKind.PROCEDURE: (
        lambda: Procedure.objects.live().select_related("sector").prefetch_related("implementing_agencies"),
        procedure_entry,
    ),
    EntryKind.PAGE: (lambda: Page.objects.live().public().filter(depth__gt=1).specific(), page_entry),
}


def entries(kind, ids=None, portals=None):
    """(object id, entry or None) for the indexable objects of a kind, optionally only some ids."""
    queryset_for, serialise = SOURCES[kind]
    queryset = queryset_for()
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    portals = portals or PortalMap()
    for obj in queryset.order_by("pk").iterator(chunk_size=500):
        yield obj.pk, serialise(obj, portals)


def entry_id(kind, object_id):
    return SearchEntry.entry_id(kind, object_id)
