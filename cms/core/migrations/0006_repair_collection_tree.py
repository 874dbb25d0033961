"""Portal collections used to be appended after their siblings by hand, out of the name order that
Wagtail's collection tree keeps (Collection.node_order_by), so treebeard's sorted insert, which the
admin's "add collection" uses, collided with existing paths. Treebeard's own repair renumbers the
siblings in name order. The live model is used on purpose: the repair is treebeard's code, not a
schema step, and historical models do not carry it."""

from django.db import migrations


def repair_collection_paths(apps, schema_editor):
    from wagtail.models import Collection

    Collection.fix_tree(fix_paths=True)


class Migration(migrations.Migration):
    dependencies = [("portals", "0005_move_agency_log_entries"), ("wagtailcore", "0098_apitoken")]
    operations = [migrations.RunPython(repair_collection_paths, migrations.RunPython.noop)]
