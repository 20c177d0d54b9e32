"""The stored search vectors of events, opportunities and publications, made as 0002 made
those of pages and people: a search asks every group whether it matches, and computing
thousands of events' vectors for each search cost more than the rest of the page."""

from importlib import import_module

from django.db import migrations

# A module name starting with a digit is imported by name.
earlier = import_module("search.migrations.0002_search_documents")

DOCUMENTS = {
    "EventSearchDocument": (
        ("events", "Event", "event_id"),
        {"title": "A", "summary": "B", "venue": "C", "body": "C", "audience": "D"},
    ),
    "OpportunitySearchDocument": (
        ("opportunities", "Opportunity", "opportunity_id"),
        {"title": "A", "summary": "B", "body": "C", "eligibility": "C", "award": "D"},
    ),
    "PublicationSearchDocument": (
        ("publications", "Publication", "publication_id"),
        {"title": "A", "summary": "B", "body": "C"},
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("opportunities", "0001_initial"),
        ("publications", "0001_initial"),
        ("search", "0002_search_documents"),
    ]

    operations = [*earlier.create_documents(DOCUMENTS), earlier.fill_and_index(DOCUMENTS)]
