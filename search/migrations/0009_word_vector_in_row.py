from django.db import migrations

from search.text_index import VECTOR_IN_ROW, run


def vector_in_row(apps, schema_editor):
    """PostgreSQL: the record tables' word vectors are kept in their rows (search.text_index)."""
    run(VECTOR_IN_ROW, schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("portal_search", "0008_word_text_indexes"),
    ]

    operations = [migrations.RunPython(vector_in_row, migrations.RunPython.noop)]
