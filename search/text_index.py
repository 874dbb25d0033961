"""Word lookups of the database search fallback and of list pages (cms.records) without reading
every row: indexes of the folded words per record table (whole words and word prefixes, no
positions: no phrase is looked up there), one of the text (TEXT_WORDS) and one of the title
(TITLE_WORDS: which of many matches hold the query's words in their titles). On SQLite an FTS5
table kept in step by triggers; on PostgreSQL a stored generated tsvector column of the folded
column (the 'simple' configuration: the folded words as they are) with a GIN index. Django's models
do not know these: cms.records queries them.

SQLite drops a table's triggers whenever a migration rebuilds that table (as it does to add a
column), so after every migrate `ensure_text_indexes` puts back what is missing and refills the
index of any table that lost them.
"""

from functools import partial

from cms.records import TEXT_WORDS, TITLE_WORDS

TABLES = ["legal_documents_legaldocument", "procedures_procedure"]
TRIGGER_EVENTS = ("insert", "delete", "update")
# PostgreSQL's tsvector is computed once and stored (computed in each query, a scan of many matches
# took seconds), without word positions (no phrase is looked up; a third less to read in a scan),
# and kept in the row (storage MAIN): a common word's many matches are found by a scan of the table,
# which read half the vectors from the TOAST table before (four times slower, bench/search.py).
# The title's vector is short: it stays where PostgreSQL puts it.


def sqlite_statements(table, index=TEXT_WORDS):
    fts, column = index.fts_table(table), index.column
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"{column}, content='{table}', content_rowid='id', tokenize='ascii', detail='none')",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
    ]


def sqlite_reverse(table, index=TEXT_WORDS):
    fts = index.fts_table(table)
    return [f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in TRIGGER_EVENTS] + [f"DROP TABLE IF EXISTS {fts}"]


def postgresql_statements(table, index=TEXT_WORDS):
    vector = index.vector
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {vector} tsvector "
        f"GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, {index.column}))) STORED",
        f"CREATE INDEX IF NOT EXISTS {table}_{vector} ON {table} USING gin ({vector})",
        *(postgresql_vector_in_row(table) if index == TEXT_WORDS else []),
    ]


def postgresql_vector_in_row(table):
    """The text's word vector kept in the row; the rows stored before are written again (the vector
    is computed anew) so that theirs is too. Safe to re-run."""
    return [
        f"ALTER TABLE {table} ALTER COLUMN {TEXT_WORDS.vector} SET STORAGE MAIN",
        f"UPDATE {table} SET folded_text = folded_text",
    ]


def postgresql_reverse(table, index=TEXT_WORDS):
    vector = index.vector
    return [f"DROP INDEX IF EXISTS {table}_{vector}", f"ALTER TABLE {table} DROP COLUMN IF EXISTS {vector}"]


FORWARD = {"sqlite": sqlite_statements, "postgresql": postgresql_statements}
TITLE_FORWARD = {"sqlite": partial(sqlite_statements, index=TITLE_WORDS),
                 "postgresql": partial(postgresql_statements, index=TITLE_WORDS)}
VECTOR_IN_ROW = {"postgresql": postgresql_vector_in_row}
# What held substrings (trigrams) before the word indexes: search/migrations/0008 drops it.
TRIGRAMS = {"sqlite": sqlite_reverse, "postgresql": lambda table: [f"DROP INDEX IF EXISTS {table}_folded_trgm"]}
REVERSE = {"sqlite": sqlite_reverse, "postgresql": postgresql_reverse}
TITLE_REVERSE = {"sqlite": partial(sqlite_reverse, index=TITLE_WORDS),
                 "postgresql": partial(postgresql_reverse, index=TITLE_WORDS)}


def run(statements_by_vendor, connection, tables=TABLES):
    statements = statements_by_vendor.get(connection.vendor)
    with connection.cursor() as cursor:
        for table in tables if statements else []:
            for statement in statements(table):
                cursor.execute(statement)


def tables_missing_triggers(connection, index=TEXT_WORDS):
    """The record tables whose SQLite triggers of the index are not all there (none on other databases)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {name for (name,) in cursor.fetchall()}
        existing = set(connection.introspection.table_names(cursor))
    return [table for table in TABLES if table in existing
            and any(f"{index.fts_table(table)}_{event}" not in present for event in TRIGGER_EVENTS)]


def ensure_text_indexes(using="default", **kwargs):
    """post_migrate: restore the triggers (and refill the index) of every table that lost them."""
    from django.db import connections

    connection = connections[using]
    run(FORWARD, connection, tables_missing_triggers(connection))
    run(TITLE_FORWARD, connection, tables_missing_triggers(connection, TITLE_WORDS))
