from django.db import migrations, models

from cms.core.text import fold, plain_text, tokens


def refold(apps, schema_editor):
    """Steps, method, times, fees, requirements and submission join a procedure's searchable text; its
    name's folded words are kept alone, each between spaces."""
    Procedure = apps.get_model("procedures", "Procedure")
    for procedure in Procedure.objects.iterator(chunk_size=500):
        procedure.folded_title = f" {' '.join(tokens(procedure.name))} "
        procedure.folded_text = fold(" ".join([
            procedure.code, procedure.name, procedure.result, procedure.applicants, plain_text(procedure.steps),
            procedure.method, procedure.processing_time, procedure.fees, procedure.requirements,
            procedure.submission_and_return,
        ]))
        procedure.save(update_fields=["folded_title", "folded_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("procedures", "0004_national_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="folded_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
