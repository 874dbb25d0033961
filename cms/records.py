"""What legal documents and procedures share: Wagtail's lifecycle mixins and portal scoping.

A record is stored once, owned by one agency, and appears on every portal it concerns: the
portal of its owner and of the owner's ancestors (the provincial portal shows everything), and
the portals of the agencies named as concerned by or implementing it. That list is derived from
the agency tree at query time, never copied.
"""

from dataclasses import dataclass
from itertools import combinations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import connection, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from cms.core.publication import GatedPublicationMixin
from cms.core.registry import record_type_for
from cms.core.text import tokens


MAX_QUERY_WORDS = 12


@dataclass(frozen=True)
class WordIndex:
    """The word index of a folded column of the record tables (search.text_index): on SQLite an FTS5
    table named after the record table and `suffix`, on PostgreSQL the tsvector column `vector`."""

    column: str
    suffix: str
    vector: str

    def fts_table(self, table):
        return f"{table}_{self.suffix}"


TEXT_WORDS = WordIndex("folded_text", "fts", "folded_words")
TITLE_WORDS = WordIndex("folded_title", "title_fts", "title_words")


def folded_words_q(model, words):
    """Every (folded) word begins a word of the record's folded_text: "thu tuc cap" finds "thủ tục
    cấp phép". Answered by the word index of search.text_index."""
    words = list(words)
    return _words_match(model, [words], prefix=True) if words else Q()


def _words_match(model, alternatives, prefix=False, index=TEXT_WORDS):
    """The records whose folded text (or the index's column) holds every word of one of the
    alternatives (lists of folded words), whole or, with prefix, as the beginning of a word: a query
    of the word index (SQLite's FTS5 table, PostgreSQL's tsvector column, search.text_index)."""
    if connection.vendor == "sqlite":
        table = index.fts_table(model._meta.db_table)
        query = _query(alternatives, lambda word: f'"{word}"' + "*" * prefix, " AND ", " OR ")
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [query]))
    column = f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name(index.vector)}"
    query = _query(alternatives, lambda word: f"'{word}'" + ":*" * prefix, " & ", " | ")
    return Q(RawSQL(f"{column} @@ to_tsquery('simple'::regconfig, %s)", [query], output_field=models.BooleanField()))


def _query(alternatives, quoted, conjunction, disjunction):
    """(word and word) or (word and word) in a full text query syntax. Folded words are letters and
    digits only (cms.core.text.tokens): nothing in them needs escaping."""
    return disjunction.join("(" + conjunction.join(quoted(word) for word in group) + ")" for group in alternatives)


def folded_words(text):
    """" thu tuc cap phep ": the folded words of the text, each between spaces."""
    return f" {' '.join(tokens(text))} "


def text_as_words(model, batch_size=500):
    """Migrations: rewrite the stored folded_text of every record of a (historical) model as its
    folded words between spaces (folded_words), as records are saved since. Safe to re-run."""
    records = []
    for record in model.objects.only("pk", "folded_text").iterator(chunk_size=batch_size):
        words = folded_words(record.folded_text)
        if words != record.folded_text:
            record.folded_text = words
            records.append(record)
        if len(records) == batch_size:
            model.objects.bulk_update(records, ["folded_text"])
            records = []
    model.objects.bulk_update(records, ["folded_text"])


def folded_most_words_q(model, groups, needed, index=TEXT_WORDS):
    """Of at least one group of (folded) words, needed(len(group)) are whole words of the record's
    folded_text (or the index's column): the groups' combinations of that many words go to the word
    index as one query."""
    combinations_found = [list(words) for group in groups if group for words in combinations(group, needed(len(group)))]
    return _words_match(model, combinations_found, index=index) if combinations_found else Q(pk__in=[])


def pk_in(model, pks):
    """A filter condition: the record's primary key is in a (long) list (key_in)."""
    return key_in(model, model._meta.pk, pks)


def key_in(model, field, keys):
    """A filter condition: an integer field of the model (its key or a foreign key) is in a (long)
    list, passed as one query parameter (an IN list takes one per key). SQLite: json_each.
    PostgreSQL: = ANY(array), which the planner estimates from the array's length and checks by
    hashing during a scan. Both take the keys as one string (the driver would adapt each key of a
    list in Python)."""
    keys = ",".join(map(str, map(int, keys)))
    if connection.vendor == "sqlite":
        return Q(**{f"{field.attname}__in": RawSQL("SELECT value FROM json_each(%s)", [f"[{keys}]"])})
    column = f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name(field.column)}"
    return RawSQL(f"{column} = ANY(%s::bigint[])", [f"{{{keys}}}"], output_field=models.BooleanField())


class PortalScopedQuerySet(models.QuerySet):
    """Records of a registered record type (cms.core.registry), filtered for a portal."""

    def live(self):
        return self.filter(live=True)

    def for_agency(self, agency):
        """The records shown on the portal of this agency (the registry's definition)."""
        return self.filter(record_type_for(self.model).shown_on(agency))

    def matching(self, query):
        """Every word of the query, folded, begins a word of the folded text (diacritics optional)."""
        return self.filter(folded_words_q(self.model, tokens(query)[:MAX_QUERY_WORDS]))


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
    # The searchable text's folded words (no diacritics, lowercase), each between spaces, so that
    # the database can match "thu tuc" against "thủ tục", as whole words or not, on SQLite and
    # PostgreSQL alike.
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
        self.folded_text = folded_words(self.searchable_text())
        self.folded_title = folded_words(self.searchable_title())

    def save(self, *args, **kwargs):
        self.fold_text()
        super().save(*args, **kwargs)
