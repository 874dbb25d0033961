"""Wagtail's first migrations create the groups "Editors" and "Moderators" with page permissions at
the root of the page tree and image and document permissions on the root collection: anyone put in
them would edit every portal's pages and see every portal's files, past the per-portal groups that
sites/provisioning.py creates. An empty default group is deleted; one that has members keeps them
and its admin access but loses its permissions over the whole tree."""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def remove_province_wide_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if not group.user_set.exists():
            group.delete()
            continue
        GroupPagePermission.objects.filter(group=group, page__depth=1).delete()
        GroupCollectionPermission.objects.filter(group=group, collection__depth=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portals", "0006_repair_collection_tree"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(remove_province_wide_defaults, migrations.RunPython.noop)]
