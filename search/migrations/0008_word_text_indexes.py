from django.db import migrations

from search.text_index import FORWARD, TRIGRAMS, run


def words_instead_of_trigrams(apps, schema_editor):
    """The record tables' trigram indexes become indexes of whole words (search.text_index)."""
    run(TRIGRAMS, schema_editor.connection)
    run(FORWARD, schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("portal_search", "0007_best_bet_permissions"),
    ]

    operations = [migrations.RunPython(words_instead_of_trigrams, migrations.RunPython.noop)]
