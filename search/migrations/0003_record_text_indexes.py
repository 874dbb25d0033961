from django.db import migrations

from search.text_index import FORWARD, REVERSE, run


def operation(statements_by_vendor):
    return lambda apps, schema_editor: run(statements_by_vendor, schema_editor.connection)


class Migration(migrations.Migration):
    """Word lookups of the database search fallback (search.text_index) without reading every row."""

    dependencies = [
        ("portal_search", "0002_index_entry_title_norm_index"),
        ("legal_documents", "0002_initial"),
        ("procedures", "0002_procedure_announcing_decision"),
    ]

    operations = [migrations.RunPython(operation(FORWARD), operation(REVERSE))]
