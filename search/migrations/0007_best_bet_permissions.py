"""The approvers of every existing portal manage their portal's best bets (new portals get the
permissions when they are created: search/apps.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from search.permissions import grant_best_bet_permissions


def grant_to_existing_portals(apps, schema_editor):
    app_config = apps.get_app_config("portal_search")
    app_config.models_module = True  # a migration's app state has none; Django's own recipe
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    portals = apps.get_model("portals", "Portal").objects.select_related("approvers_group")
    grant_best_bet_permissions(portals, apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0006_best_bets"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(grant_to_existing_portals, migrations.RunPython.noop)]
