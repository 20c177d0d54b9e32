"""Pages, people, events, opportunities and publications are searched through stored
vectors, as articles are (search.models)."""

import pytest
from django.db import connection
from django.urls import reverse

from events.models import Event
from members.models import Organisation
from opportunities.models import Opportunity
from pagecache.versions import content_version
from pages.models import Page
from people.models import Person
from publications.models import Publication
from strategy.models import Priority, ResearchTheme

from .factories import (
    EventFactory,
    OpportunityFactory,
    PageFactory,
    PersonFactory,
    PublicationFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def results(client, query):
    return client.get(reverse("search:results"), {"q": query}).content.decode()


@pytest.mark.parametrize(
    ("factory", "field", "old", "new"),
    [
        (PageFactory, "title", "Governance arrangements", "Board membership"),
        (PersonFactory, "biography", "Sepsis in mothers.", "Jaundice in newborns."),
    ],
)
def test_an_edited_page_or_person_is_found_by_its_new_words_only(client, factory, field, old, new):
    thing = factory(**{field: old})
    shown = thing.title if field == "title" else thing.name
    assert shown in results(client, old.split()[0])

    setattr(thing, field, new)
    thing.save()

    shown = thing.title if field == "title" else thing.name
    assert shown not in results(client, old.split()[0])
    assert shown in results(client, new.split()[0])


@pytest.mark.parametrize(("model", "index"), [(Page, "page"), (Person, "person")])
def test_the_gin_index_serves_the_search_of_pages_and_people(model, index):
    PageFactory(title="Trial units")
    PersonFactory(name="Trial Person")
    matches = model.objects.filter(search_document__vector="trial")
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {index}_document_search_idx" in plan
    assert matches.count() == 1


@pytest.mark.parametrize("count", [2, 20])
def test_a_first_time_search_costs_the_same_however_much_of_each_group(
    client, django_assert_num_queries, count
):
    for n in range(count):
        PageFactory(body=f"<p>Programme {n} on clinical research.</p>")
        PersonFactory(biography=f"Leads programme {n} in clinical research.")
        EventFactory(body=f"<p>Seminar {n} on clinical research.</p>")
        OpportunityFactory(body=f"<p>Funding {n} for clinical research.</p>")
        PublicationFactory(body=f"<p>Report {n} on clinical research.</p>")
    content_version()
    results(client, "anything")  # the parts every search shares, kept

    # The news found (none), and which other groups match (none).
    with django_assert_num_queries(2) as captured:
        page = results(client, "unheard -of")
    assert "0 articles found" in page
    # Their stored words, not every page's and person's text read again.
    groups = captured.captured_queries[-1]["sql"]
    assert "search_pagesearchdocument" in groups
    for document in ("page", "person", "event", "opportunity", "publication"):
        assert f"search_{document}searchdocument" in groups
    assert "to_tsvector" not in groups


@pytest.mark.parametrize(
    "model",
    [Page, Person, Organisation, ResearchTheme, Priority, Event, Opportunity, Publication],
)
def test_the_stored_words_of_every_group_have_finer_statistics(model):
    """With the default statistics PostgreSQL took an unlisted word to be common, and read
    every publication's stored words to learn whether any matched (search.0005)."""
    table = model.search_document.related.related_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attname = 'vector'",
            [table],
        )
        assert cursor.fetchone() == (1000,)
