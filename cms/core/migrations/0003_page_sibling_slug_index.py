from django.db import migrations

INDEX = "portals_page_sibling_slug"


class Migration(migrations.Migration):
    """Wagtail looks pages up by slug among the children of one parent (slug uniqueness on every
    save, blueprint matching). Every portal has the same section slugs, so an index on the slug
    alone finds one row per portal; with the depth and path after it the lookup stays one seek."""

    dependencies = [
        ("portals", "0002_hostnamealias"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (slug, depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
