"""The stored search vectors of articles, filled and GIN-indexed on PostgreSQL only.

SQLite gets the table (it accepts any column type) but neither tsvector nor GIN; its
search fallback does not use it. The vector is written out here, not imported from
news.models.ARTICLE_FIELDS, because a migration must not change when the code does.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

INDEX = GinIndex(fields=["vector"], name="article_document_search_idx")


def fill_and_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("news", "Article")
    Document = apps.get_model("search", "ArticleSearchDocument")
    Document.objects.bulk_create(
        [Document(article_id=pk) for pk in Article.objects.values_list("pk", flat=True)]
    )
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
        + SearchVector("author", weight="D", config="english")
    )
    article = Article.objects.filter(pk=OuterRef("article_id")).annotate(v=vector).values("v")
    Document.objects.update(vector=Subquery(article))
    schema_editor.add_index(Document, INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("search", "ArticleSearchDocument"), INDEX)


class Migration(migrations.Migration):
    initial = True

    dependencies = [("news", "0006_drop_expression_search_index")]

    operations = [
        migrations.CreateModel(
            name="ArticleSearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="news.article",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"verbose_name": "article search document"},
        ),
        migrations.RunPython(fill_and_index, remove_index),
    ]
