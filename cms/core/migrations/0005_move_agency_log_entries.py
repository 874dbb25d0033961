"""The audit log of objects that belong to an agency moves from Wagtail's ModelLogEntry to
AgencyLogEntry, which records the agency, so that each user's site history shows only the agencies
they manage. Entries keep their timestamps, users, revisions and data."""

from django.db import migrations

# (app label, model, path from the object to its agency id) as these models stood at this migration.
SCOPED_MODELS = [
    ("legal_documents", "legaldocument", "owner_agency_id"),
    ("procedures", "procedure", "owner_agency_id"),
    ("organisation", "officialcontact", "agency_id"),
    ("engagement", "question", "portal__agency_id"),
    ("engagement", "draftcomment", "portal__agency_id"),
    ("engagement", "rating", "site__portal__agency_id"),
]
COPIED_FIELDS = ["content_type_id", "label", "action", "data", "timestamp", "uuid", "user_id", "revision_id",
                 "content_changed", "deleted", "object_id"]


def move_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    AgencyLogEntry = apps.get_model("portals", "AgencyLogEntry")
    for app_label, model_name, agency_path in SCOPED_MODELS:
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if content_type is None:
            continue
        model = apps.get_model(app_label, model_name)
        entries = ModelLogEntry.objects.filter(content_type=content_type)
        ids = {entry.object_id for entry in entries.only("object_id")}
        agencies = {str(pk): agency for pk, agency in model.objects.filter(pk__in=ids).values_list("pk", agency_path)}
        AgencyLogEntry.objects.bulk_create([
            AgencyLogEntry(agency_id=agencies.get(entry.object_id), **{f: getattr(entry, f) for f in COPIED_FIELDS})
            for entry in entries.iterator()
        ], batch_size=1000)
        entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portals", "0004_agency_log_entry"),
        ("wagtailcore", "0098_apitoken"),
        ("legal_documents", "0002_initial"),
        ("procedures", "0002_procedure_announcing_decision"),
        ("organisation", "0002_initial"),
        ("engagement", "0001_initial"),
    ]

    operations = [migrations.RunPython(move_entries, migrations.RunPython.noop)]
