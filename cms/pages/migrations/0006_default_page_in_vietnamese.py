"""Wagtail's first migration leaves an English "Welcome to your new Wagtail site!" page at the top of
the page tree, outside every portal; province administrators see it in the page explorer. It keeps
its place (the default site may point to it) under a Vietnamese title."""

from django.db import migrations

WAGTAIL_TITLE = "Welcome to your new Wagtail site!"
TITLE = "Trang mặc định (ngoài các cổng)"


def retitle(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=2, title=WAGTAIL_TITLE).update(
        title=TITLE, draft_title=TITLE)


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_preview_links"), ("wagtailcore", "0002_initial_data")]
    operations = [migrations.RunPython(retitle, migrations.RunPython.noop)]
