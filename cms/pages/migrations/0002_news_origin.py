from django.db import migrations, models
from django.db.models import Q


def answer_for_existing_articles(apps, schema_editor):
    """Articles published before the question was asked: a source address or name means a repost."""
    articles = apps.get_model("pages", "NewsArticlePage").objects
    reposted = ~Q(source_url="") | ~Q(source="")
    articles.filter(reposted).update(origin="dang-lai")
    articles.exclude(reposted).update(origin="tin-goc")


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="newsarticlepage",
            name="origin",
            field=models.CharField(
                blank=True, choices=[("tin-goc", "Tin do cơ quan viết"), ("dang-lai", "Tin đăng lại, trích dẫn từ nơi khác")],
                max_length=20, verbose_name="tin gốc hay tin đăng lại",
            ),
        ),
        migrations.RunPython(answer_for_existing_articles, migrations.RunPython.noop),
    ]
