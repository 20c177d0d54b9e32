"""GIN indexes of the words of the title alone, on PostgreSQL, for the large searched tables.

A search ranks the newest matches and the newest matches in the title (core.search). Finding
the title matches among thousands of matches of a common word read each match's stored
vector (11 ms for the 2,000 publications of the bench data, none with the word in its
title); these indexes find them at once. The indexed expression is the one
`SearchFields.title_vector()` builds, written out here as a migration must not change with
the code: PostgreSQL uses an expression index only for the same expression.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

TITLED = [("news", "Article"), ("events", "Event"), ("publications", "Publication"),
          ("opportunities", "Opportunity")]  # fmt: skip


def _index(model_name):
    title = SearchVector("title", config="english")
    return GinIndex(title, name=f"{model_name.lower()}_title_search_idx")


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for app_label, model_name in TITLED:
            model = apps.get_model(app_label, model_name)
            schema_editor.add_index(model, _index(model_name))
            # The statistics of the indexed expression, at once: without them PostgreSQL
            # takes a word in 21,000 titles for one in 500, and sorts them all.
            schema_editor.execute(f"ANALYZE {schema_editor.quote_name(model._meta.db_table)}")


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for app_label, model_name in TITLED:
            schema_editor.remove_index(apps.get_model(app_label, model_name), _index(model_name))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("news", "0012_article_related_publications"),
        ("opportunities", "0001_initial"),
        ("publications", "0001_initial"),
        ("search", "0003_event_opportunity_publication_documents"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
