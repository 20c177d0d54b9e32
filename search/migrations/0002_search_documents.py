"""The stored search vectors of pages, people, organisations, research themes and
priorities, filled and GIN-indexed on PostgreSQL only, as 0001 does for articles (whose
docstring says why the vectors are written out here)."""

from functools import reduce
from operator import add

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

# Each document model, the object it stores, and the object's weighted fields.
DOCUMENTS = {
    "PageSearchDocument": (
        ("pages", "Page", "page_id"),
        {"title": "A", "menu_title": "A", "summary": "B", "body": "C"},
    ),
    "PersonSearchDocument": (
        ("people", "Person", "person_id"),
        {"name": "A", "other_names": "B", "post_nominals": "C", "biography": "C"},
    ),
    "OrganisationSearchDocument": (
        ("members", "Organisation", "organisation_id"),
        {"name": "A", "short_name": "A", "other_names": "B", "summary": "B", "description": "C"},
    ),
    "ResearchThemeSearchDocument": (
        ("strategy", "ResearchTheme", "theme_id"),
        {"title": "A", "summary": "B", "description": "C"},
    ),
    "PrioritySearchDocument": (
        ("strategy", "Priority", "priority_id"),
        {"title": "A", "summary": "B", "description": "C"},
    ),
}


def _index(name):
    return GinIndex(fields=["vector"], name=f"{name[:-len('SearchDocument')].lower()}_document_search_idx")


def fill_and_index(documents):
    """The operation filling and indexing `documents` (as DOCUMENTS gives them)."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, ((app, model, owner), weights) in documents.items():
            Owner = apps.get_model(app, model)
            Document = apps.get_model("search", name)
            Document.objects.bulk_create(
                [Document(**{owner: pk}) for pk in Owner._base_manager.values_list("pk", flat=True)]
            )
            vector = reduce(
                add, [SearchVector(field, weight=w, config="english") for field, w in weights.items()]
            )
            words = Owner._base_manager.filter(pk=OuterRef(owner)).annotate(v=vector).values("v")
            Document.objects.update(vector=Subquery(words))
            schema_editor.add_index(Document, _index(name))

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for name in documents:
                schema_editor.remove_index(apps.get_model("search", name), _index(name))

    return migrations.RunPython(forwards, backwards)


def create_documents(documents):
    """The models of `documents`, each a vector and its object's one-to-one key."""
    return [
        migrations.CreateModel(
            name=name,
            fields=[
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                (
                    owner.removesuffix("_id"),
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to=f"{app}.{model.lower()}",
                    ),
                ),
            ],
        )
        for name, ((app, model, owner), _) in documents.items()
    ]


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0002_logo_renditions_review_by'),
        ('pages', '0001_initial'),
        ('people', '0001_initial'),
        ('search', '0001_initial'),
        ('strategy', '0002_review_by'),
    ]

    operations = [*create_documents(DOCUMENTS), fill_and_index(DOCUMENTS)]
