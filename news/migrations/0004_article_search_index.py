"""A GIN index for site search, on PostgreSQL only (SQLite has no GIN indexes).

It is built on the same weighted vector expression that `news.models.ARTICLE_FIELDS`
produces, so PostgreSQL uses it for `vector @@ query`. The expression is written out here,
not imported, because a migration must not change when the code does.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "article_search_idx"


def search_index():
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
        + SearchVector("author", weight="D", config="english")
    )
    return GinIndex(vector, name=INDEX_NAME)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("news", "Article"), search_index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("news", "Article"), search_index())


class Migration(migrations.Migration):
    dependencies = [("news", "0003_summary_optional_for_drafts")]

    operations = [migrations.RunPython(add_index, remove_index)]
