"""Drop the expression index of 0004: site search now reads vectors stored when an article
is saved (search.ArticleSearchDocument, with its own GIN index), which rank far faster
than vectors computed from every matching article's text."""

from importlib import import_module

from django.db import migrations

expression_index = import_module("news.migrations.0004_article_search_index")


class Migration(migrations.Migration):
    dependencies = [("news", "0005_listing_indexes")]

    operations = [
        migrations.RunPython(expression_index.remove_index, expression_index.add_index)
    ]
