from django.db import migrations, models

from cms.core.text import fold, plain_text, tokens


def refold(apps, schema_editor):
    """The type name and the full text join a document's searchable text; its title's folded words are kept alone, each between spaces."""
    LegalDocument = apps.get_model("legal_documents", "LegalDocument")
    for document in LegalDocument.objects.select_related("document_type").iterator(chunk_size=500):
        title = f"{document.document_type.name} {document.number} {document.abstract}"
        document.folded_title = f" {' '.join(tokens(title))} "
        document.folded_text = fold(" ".join([title, document.issuing_body, document.signer, plain_text(document.body)]))
        document.save(update_fields=["folded_title", "folded_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("legal_documents", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="legaldocument",
            name="folded_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
