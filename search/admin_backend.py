"""Wagtail's database search backend for the admin, with SQLite's title statistics kept cheaply.

On SQLite the backend recomputes the average title length over the whole index and scans it for
new entries after every single save, so saving a page got slower with every page in the province
(creating portal number 600 cost far more than portal number 1). Here the average is cached for a
while (it moves slowly, and only affects ranking), and new entries are found through an index on
title_norm. A full rebuild (`update_index`) still recomputes everything exactly. Double quotes inside
a search term are escaped the way SQLite's FTS5 expects (doubled): the backend quotes each term but
leaves inner quotes as they are, so a stray `"` made the whole admin listing fail. Other databases
use Wagtail's backend unchanged (the SQLite classes can only be imported on SQLite).
"""

import copy
from functools import cache as memoize

from django.core.cache import cache
from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText

AVERAGE_TITLE_LENGTH_KEY = "admin-search:average-title-length"
AVERAGE_TITLE_LENGTH_SECONDS = 600
NEW_ENTRY_NORM = 1.0  # the default title_norm of a freshly written entry
UNTITLED_NORM = 0.0  # an empty title matches nothing; marked so that it is not found again


def with_fts5_quotes_escaped(query):
    if not isinstance(query, (PlainText, Phrase)):
        return query
    escaped = copy.copy(query)
    escaped.query_string = query.query_string.replace('"', '""')
    return escaped


@memoize
def incremental_sqlite_backend():
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class EscapingQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            return super().build_search_query_content(with_fts5_quotes_escaped(query), config)

    class EscapingAutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
        def build_search_query_content(self, query, config=None):
            return super().build_search_query_content(with_fts5_quotes_escaped(query), config)

    class IncrementalTitleNormIndex(SQLiteIndex):
        def _average_title_length(self):
            average = cache.get(AVERAGE_TITLE_LENGTH_KEY)
            if average is None:
                titled = self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
                average = titled.aggregate(Avg("title_length"))["title_length__avg"] or 1.0
                cache.set(AVERAGE_TITLE_LENGTH_KEY, average, AVERAGE_TITLE_LENGTH_SECONDS)
            return average

        def _refresh_title_norms(self, full=False):
            if full:
                cache.delete(AVERAGE_TITLE_LENGTH_KEY)
                return super()._refresh_title_norms(full=True)
            fresh = self.entries.filter(title_norm=NEW_ENTRY_NORM).annotate(title_length=Length("title"))
            fresh.filter(title_length=0).update(title_norm=UNTITLED_NORM)
            fresh.filter(title_length__gt=0).update(title_norm=self._average_title_length() / F("title_length"))

    class IncrementalSQLiteSearchBackend(SQLiteSearchBackend):
        index_class = IncrementalTitleNormIndex
        query_compiler_class = EscapingQueryCompiler
        autocomplete_query_compiler_class = EscapingAutocompleteQueryCompiler

    return SQLiteSearchBackend, IncrementalSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_backend(params)
    if type(backend).__name__ != "SQLiteSearchBackend":
        return backend
    sqlite_backend, incremental_backend = incremental_sqlite_backend()
    return incremental_backend(params) if isinstance(backend, sqlite_backend) else backend
