"""Pages get a language (Wagtail's locales vi and en): the English section of each portal (section
code "tieng-anh", at /en/) and everything under it are English."""

from django.db import migrations

ENGLISH_SECTION = "tieng-anh"


def english_sections(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    english, _created = Locale.objects.get_or_create(language_code="en")
    for path in apps.get_model("pages", "SectionPage").objects.filter(section_code=ENGLISH_SECTION).values_list("path", flat=True):
        Page.objects.filter(path__startswith=path).update(locale=english)


class Migration(migrations.Migration):
    dependencies = [("pages", "0006_default_page_in_vietnamese"), ("wagtailcore", "0094_alter_page_locale")]
    operations = [migrations.RunPython(english_sections, migrations.RunPython.noop)]
