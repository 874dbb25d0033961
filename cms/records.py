"""What legal documents and procedures share: Wagtail's lifecycle mixins and portal scoping.

A record is stored once, owned by one agency, and appears on every portal it concerns: the
portal of its owner and of the owner's ancestors (the provincial portal shows everything), and
the portals of the agencies named as concerned by or implementing it. That list is derived from
the agency tree at query time, never copied.
"""

import json
from functools import reduce
from itertools import combinations
from operator import add, or_

from django.contrib.contenttypes.fields import GenericRelation
from django.db import connection, models
from django.db.models import Case, Q, When
from django.db.models.lookups import GreaterThanOrEqual
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from cms.core.publication import GatedPublicationMixin
from cms.core.registry import record_type_for
from cms.core.text import fold, tokens


MAX_QUERY_WORDS = 12
TRIGRAM = 3  # SQLite's trigram index finds substrings of at least this many characters


def folded_words_q(model, words):
    """Every (folded) word appears in the record's folded_text, as a substring.

    On SQLite the words go through the FTS5 trigram table that search/migrations/0003 keeps in
    step with folded_text; on PostgreSQL the LIKE is answered by a trigram GIN index.
    """
    words = list(words)
    if connection.vendor != "sqlite":
        return Q(*[Q(folded_text__contains=word) for word in words])
    short = Q(*[Q(folded_text__contains=word) for word in words if len(word) < TRIGRAM])
    indexed = [word for word in words if len(word) >= TRIGRAM]
    if not indexed:
        return short
    table = f"{model._meta.db_table}_fts"
    match = " AND ".join('"' + word.replace('"', '""') + '"' for word in indexed)
    return short & Q(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match]))


def folded_words(text):
    """" thu tuc cap phep ": the folded words of the text, each between spaces."""
    return f" {' '.join(tokens(text))} "


def folded_most_words_q(model, groups, needed):
    """Of at least one group of (folded) words, needed(len(group)) appear in the record's
    folded_text, as substrings.

    On SQLite the groups' combinations of that many words go to the trigram table as one query
    (short words by LIKE). On PostgreSQL the words found of each group are counted (no subquery,
    no combinations), after the trigram GIN index has narrowed the records to those holding one of
    the words that a match cannot lack."""
    groups = [group for group in groups if group]
    if not groups:
        return Q(pk__in=[])
    if connection.vendor != "sqlite":
        return _counted_words_q(groups, needed)
    combinations_found = [list(c) for group in groups for c in combinations(group, needed(len(group)))]
    indexed = [words for words in combinations_found if min(map(len, words)) >= TRIGRAM]
    found = reduce(or_, (folded_words_q(model, words) for words in combinations_found if words not in indexed),
                   Q(pk__in=[]))
    if not indexed:
        return found
    table = f"{model._meta.db_table}_fts"
    match = " OR ".join("(" + " AND ".join('"' + word.replace('"', '""') + '"' for word in words) + ")"
                        for words in indexed)
    return found | Q(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match]))


def _counted_words_q(groups, needed):
    counted = Q()
    for group in groups:
        found = reduce(add, [Case(When(folded_text__contains=word, then=1), default=0) for word in group])
        counted |= Q(GreaterThanOrEqual(found, needed(len(group))))
    # A group's match holds at least one of its len - needed + 1 longest words.
    unavoidable = [word for group in groups
                   for word in sorted(group, key=len, reverse=True)[:len(group) - needed(len(group)) + 1]]
    if min(map(len, unavoidable)) < TRIGRAM:
        return counted
    return reduce(or_, [Q(folded_text__contains=word) for word in dict.fromkeys(unavoidable)]) & counted


def pk_in(model, pks):
    """A filter condition: the record's primary key is in a (long) list, passed as one query
    parameter (an IN list takes one per key). SQLite: json_each. PostgreSQL: = ANY(array), which
    the planner estimates from the array's length and checks by hashing during a scan."""
    pks = list(pks)
    if connection.vendor == "sqlite":
        return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(pks)]))
    column = f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name(model._meta.pk.column)}"
    return RawSQL(f"{column} = ANY(%s)", [pks], output_field=models.BooleanField())


class PortalScopedQuerySet(models.QuerySet):
    """Records of a registered record type (cms.core.registry), filtered for a portal."""

    def live(self):
        return self.filter(live=True)

    def for_agency(self, agency):
        """The records shown on the portal of this agency (the registry's definition)."""
        return self.filter(record_type_for(self.model).shown_on(agency))

    def matching(self, query):
        """Every word of the query, folded, appears in the folded text (diacritics optional)."""
        return self.filter(folded_words_q(self.model, fold(query).split()[:MAX_QUERY_WORDS]))


class PublishableRecord(
    GatedPublicationMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """A snippet with drafts, revisions, moderation workflow and locking, owned by an agency;
    publications pass the publication gate (cms.core.publication)."""

    owner_agency = models.ForeignKey(
        "portals.Agency",
        verbose_name=_("cơ quan quản lý"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan đăng tải và chịu trách nhiệm về nội dung này."),
    )
    # Folded (no diacritics, lowercase) copy of the searchable text, so that the database can
    # match "thu tuc" against "thủ tục" on SQLite and PostgreSQL alike.
    folded_text = models.TextField(editable=False, default="")
    # The title's folded words alone, each between spaces, so that whole words are found in it.
    folded_title = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)

    _revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def searchable_text(self):
        """The text a citizen may search for; subclasses list their own fields."""
        raise NotImplementedError

    def searchable_title(self):
        """The part of the searchable text a citizen sees as the record's title."""
        raise NotImplementedError

    def fold_text(self):
        """Fill the folded copies of the searchable text and title (the database search reads them)."""
        self.folded_text = fold(self.searchable_text())
        self.folded_title = folded_words(self.searchable_title())

    def save(self, *args, **kwargs):
        self.fold_text()
        super().save(*args, **kwargs)
