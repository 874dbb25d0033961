"""The record-type registry: each content app declares its record types once, here.

A record type is a kind of record owned by an agency and shown on portals (legal documents,
procedures, officials' contacts). Its declaration says everything the services need to know:
the owning-agency field, the agencies it also concerns, the page type that lists it on a portal,
its filter set (list pages, the API and search share it), its search entry and whether the
editorial board reviews it. Provisioning, workflows, reorganisation, search, cache invalidation
and the API iterate over the registry instead of naming models.

Which portals show a record is defined here once, from the owner and concerned fields: the portal
of the owner and of each of the owner's ancestors (the provincial portal shows everything), and
the portals of the concerned agencies. `shown_on` is that definition as SQL, `agencies_showing`
the same definition in Python (for index entries built in bulk).
"""

from dataclasses import dataclass
from typing import Callable

from django.apps import apps
from django.db.models import Q
from django.utils.module_loading import import_string
from wagtail.models import DraftStateMixin
from wagtail.permissions import register_permission_policy

from cms.core.models import PATH_SEPARATOR
from cms.core.permissions import AgencyPermissionPolicy


@dataclass(frozen=True)
class SearchSpec:
    """How a record type is searched: its index entry, beside its model (the search service adds
    what every entry has: kind, id, portals, owner, URL, folded text)."""

    entry: Callable  # record -> {"title", "body", "date", facet fields...}
    date_field: str  # the record's date in the database (sorting, date ranges)
    prefetch: tuple = ()  # relations the entry reads, fetched in bulk
    in_force: Q = None  # records of this type that rank as in force; None: every record
    number_field: str = ""  # the normalised document number, for types that have one
    # Records named by number -> ids of the live records search lists right after them.
    companions: Callable = None
    # Records of this type with the same title (folded) are near-duplicates, such as one procedure
    # at several levels: results show the best of them, the others one click away.
    grouped_by_title: bool = False


@dataclass(frozen=True)
class RecordType:
    key: str  # stable name: the kind of search entries, API paths
    model: type
    owner_field: str  # foreign key to the owning agency (portals.Agency)
    concerned_field: str = ""  # many-to-many to agencies whose portals also show the record
    listing_page: str = ""  # "app_label.Model" of the page type that lists these records on a portal
    filterset: str = ""  # dotted path of the django-filter FilterSet shared by list pages, the API and search
    search: SearchSpec = None  # None: not in the search index
    reviewed_by_board: bool = False  # the portal's editorial board approves it after the approvers
    shown_on_ancestor_portals: bool = True  # False: only on the owner's own portal (and concerned ones)

    @property
    def label(self):
        return self.model._meta.verbose_name

    @property
    def publishable(self):
        return issubclass(self.model, DraftStateMixin)

    @property
    def filterset_class(self):
        return import_string(self.filterset) if self.filterset else None

    @property
    def listing_page_model(self):
        return apps.get_model(self.listing_page) if self.listing_page else None

    def owner_id(self, record):
        return getattr(record, f"{self.owner_field}_id")

    # -- which portals show a record: one definition, as SQL and in Python ---------------------

    def shown_on(self, agency):
        """Q for the records shown on the portal of `agency`."""
        owner = f"{self.owner_field}__path__startswith" if self.shown_on_ancestor_portals else self.owner_field
        query = Q(**{owner: agency.path if self.shown_on_ancestor_portals else agency})
        if self.concerned_field:
            ids = self.model._default_manager.filter(**{self.concerned_field: agency}).values("pk")
            query |= Q(pk__in=ids)
        return query

    def agencies_showing(self, owner_path, concerned_ids=()):
        """Ids of the agencies on whose portals a record appears, given its owner's path."""
        chain = [int(part) for part in owner_path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR) if part]
        owners = set(chain if self.shown_on_ancestor_portals else chain[-1:])
        return owners | set(concerned_ids if self.concerned_field else ())

    def concerned_ids(self, record):
        return [agency.pk for agency in getattr(record, self.concerned_field).all()] if self.concerned_field else []


_record_types = {}
_scoped_models = []


def register_record_type(record_type):
    """Declare a record type (once, from its app's ready()); its permission policy comes with it."""
    if record_type.key in _record_types and _record_types[record_type.key] != record_type:
        raise ValueError(f"record type {record_type.key!r} is already registered")
    _record_types[record_type.key] = record_type
    register_scoped_model(record_type.model, record_type.owner_field)
    return record_type


def register_scoped_model(model, agency_field):
    """Instances of `model` belong to the agency `agency_field` leads to; users see and change those
    of the agencies they manage (cms.core.permissions)."""
    register_permission_policy(model, AgencyPermissionPolicy(model, agency_field))
    if model not in _scoped_models:
        _scoped_models.append(model)


def scoped_models():
    """Every model whose instances belong to an agency (record types included)."""
    return list(_scoped_models)


def record_types():
    return list(_record_types.values())


def searchable_record_types():
    return [record_type for record_type in _record_types.values() if record_type.search is not None]


def record_type(key):
    return _record_types[key]


def record_type_for(model):
    """The record type of a model (or of an instance's class), or None."""
    return next((rt for rt in _record_types.values() if issubclass(model, rt.model)), None)
