from django.db import migrations

TABLES = ["legal_documents_legaldocument", "procedures_procedure"]


def sqlite_statements(table):
    """An FTS5 trigram index over folded_text, kept in step with the table by triggers."""
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"folded_text, content='{table}', content_rowid='id', tokenize='trigram')",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, folded_text) VALUES (new.id, new.folded_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, folded_text) VALUES ('delete', old.id, old.folded_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF folded_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, folded_text) VALUES ('delete', old.id, old.folded_text); "
        f"INSERT INTO {fts}(rowid, folded_text) VALUES (new.id, new.folded_text); END",
    ]


def sqlite_reverse(table):
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def postgresql_statements(table):
    """A trigram GIN index, which PostgreSQL uses for folded_text LIKE '%word%'."""
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX IF NOT EXISTS {table}_folded_trgm ON {table} USING gin (folded_text gin_trgm_ops)",
    ]


def postgresql_reverse(table):
    return [f"DROP INDEX IF EXISTS {table}_folded_trgm"]


FORWARD = {"sqlite": sqlite_statements, "postgresql": postgresql_statements}
REVERSE = {"sqlite": sqlite_reverse, "postgresql": postgresql_reverse}


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        for table in TABLES if statements else []:
            for statement in statements(table):
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    """Word lookups of the database search fallback (search.fallback) without reading every row."""

    dependencies = [
        ("portal_search", "0002_index_entry_title_norm_index"),
        ("legal_documents", "0002_initial"),
        ("procedures", "0002_procedure_announcing_decision"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(REVERSE))]
