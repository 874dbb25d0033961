from django.db import migrations

INDEX = "portal_search_indexentry_title_norm"


class Migration(migrations.Migration):
    """Lets the admin search backend (search.admin_backend) find new entries without a table scan."""

    dependencies = [
        ("portal_search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry (title_norm)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
