from django.db import migrations

from cms.records import text_as_words


def forward(apps, schema_editor):
    """The folded text becomes its words between spaces, so that the search fallback finds whole words."""
    text_as_words(apps.get_model("procedures", "Procedure"))


class Migration(migrations.Migration):

    dependencies = [
        ("portal_search", "0008_word_text_indexes"),
        ("procedures", "0005_folded_title"),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
