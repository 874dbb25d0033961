from django.db import migrations

from search.text_index import TITLE_FORWARD, TITLE_REVERSE, run


def index_titles(apps, schema_editor):
    """The record tables' folded titles get a word index of their own (search.text_index)."""
    run(TITLE_FORWARD, schema_editor.connection)


def drop_title_indexes(apps, schema_editor):
    run(TITLE_REVERSE, schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("portal_search", "0009_word_vector_in_row"),
        ("legal_documents", "0004_text_as_words"),
        ("procedures", "0006_text_as_words"),
    ]

    operations = [migrations.RunPython(index_titles, drop_title_indexes)]
