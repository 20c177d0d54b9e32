"""People and their dated roles: /people/, a person's page, theme and priority leads,
articles naming people and bylines, the admin, and the page cache."""

import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article
from pagecache.versions import content_version
from people.models import Person, Role

from . import pages
from .factories import (
    ArticleFactory,
    OrganisationFactory,
    PersonFactory,
    PriorityFactory,
    RoleFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)


@pytest.fixture
def today(time_machine):
    """A fixed day (noon, UK time), so "since" and "to" years are known."""
    time_machine.move_to(timezone.make_aware(datetime.combine(TODAY, datetime.min.time())) +
                         timedelta(hours=12), tick=False)  # fmt: skip
    return TODAY


def text(response):
    """The page's words as a visitor reads them, without markup or extra spaces."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def chair(**kwargs):
    person = PersonFactory(honorific="", name="Jo Pearce", slug="jo-pearce")
    return RoleFactory(person=person, kind=Role.Kind.CHAIR, **kwargs)


# Current and past, by the date alone


def test_a_role_that_goes_on_shows_as_current_since_its_first_year(client, today):
    chair(starts_on=date(2023, 10, 1))
    people = text(client.get("/people/"))
    assert "Leadership Jo Pearce Chair" in people
    assert "Chair since 2023" in text(client.get("/people/jo-pearce/"))


def test_a_chair_who_stepped_down_yesterday_shows_as_past_with_no_edit(client, today, time_machine):
    chair(starts_on=date(2023, 10, 1), ends_on=today)
    assert "Leadership Jo Pearce Chair" in text(client.get("/people/"))  # cached now
    assert "Chair since 2023" in text(client.get("/people/jo-pearce/"))

    time_machine.shift(timedelta(days=1))

    people = text(client.get("/people/"))
    assert "Jo Pearce" not in people
    assert "Show past roles" in people
    assert "Jo Pearce : Chair, 2023–2026" in text(client.get("/people/?past=1"))
    page = text(client.get("/people/jo-pearce/"))
    assert "Past roles Chair, 2023–2026" in page
    assert "since" not in page


def test_a_role_not_yet_begun_is_not_current_until_its_first_day(client, today, time_machine):
    chair(starts_on=today + timedelta(days=1))
    assert "Jo Pearce" not in text(client.get("/people/"))
    assert "Roles to come Chair from 11 March 2026" in text(client.get("/people/jo-pearce/"))

    time_machine.shift(timedelta(days=1))

    assert "Leadership Jo Pearce Chair" in text(client.get("/people/"))


def test_cached_pages_expire_when_the_next_role_starts_or_ends(today):
    assert Role.objects.next_change() is None
    chair(starts_on=date(2023, 1, 1), ends_on=date(2026, 6, 30))
    RoleFactory(starts_on=date(2026, 9, 1))
    RoleFactory(starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1))  # over: changes nothing
    # The day after the last day in the role, at local midnight.
    assert Role.objects.next_change() == timezone.make_aware(datetime(2026, 7, 1))


def test_past_roles_are_offered_only_when_someone_held_one_latest_ended_first(client, today):
    chair(starts_on=date(2023, 10, 1))
    assert "Show past roles" not in text(client.get("/people/"))

    # By name, the earlier would come first.
    RoleFactory(person=PersonFactory(name="Ann Earlier"), kind=Role.Kind.CHAIR,
                starts_on=date(2015, 1, 1), ends_on=date(2019, 12, 31))  # fmt: skip
    RoleFactory(person=PersonFactory(name="Sam Later"), kind=Role.Kind.CHAIR,
                starts_on=date(2020, 1, 1), ends_on=date(2023, 9, 30))  # fmt: skip

    assert "Show past roles" in text(client.get("/people/"))
    past = text(client.get("/people/?past=1"))
    assert past.index("Sam Later : Chair, 2020–2023") < past.index("Ann Earlier : Chair, 2015–2019")


def test_past_roles_are_shown_only_on_request(client, today):
    chair(starts_on=date(2018, 4, 1), ends_on=date(2023, 9, 30))
    assert "Jo Pearce" not in text(client.get("/people/"))
    assert "Jo Pearce : Chair, 2018–2023" in text(client.get("/people/?past=1"))
    # Anything else is the page as it is today, not an error.
    for junk in ("yes", "\x00", "1" * 10_000):
        response = client.get("/people/", {"past": junk})
        assert response.status_code == 200
        assert "Jo Pearce" not in text(response)


# Leads on the strategy's pages


def test_a_theme_page_names_its_current_lead_and_links_to_them(client, today, time_machine):
    theme = ThemeFactory(title="Health inequalities", lead="")
    person = PersonFactory(honorific="Dr", name="Sam Lead", slug="sam-lead")
    RoleFactory(person=person, kind=Role.Kind.THEME_LEAD, theme=theme,
                starts_on=date(2023, 1, 1), ends_on=today)  # fmt: skip
    page = client.get(theme.get_absolute_url())
    assert "Theme lead: Dr Sam Lead" in text(page)
    assert b'href="/people/sam-lead/"' in page.content

    time_machine.shift(timedelta(days=1))

    assert "Dr Sam Lead" not in text(client.get(theme.get_absolute_url()))
    # Their page still says what they led, and links there.
    page = client.get("/people/sam-lead/")
    assert "Theme lead, 2023–2026: Health inequalities" in text(page)
    assert theme.get_absolute_url().encode() in page.content


def test_a_priority_page_names_its_current_lead(client, today):
    priority = PriorityFactory(title="Maternal health")
    person = PersonFactory(name="Kim Lead", slug="kim-lead")
    RoleFactory(person=person, kind=Role.Kind.PRIORITY_LEAD, priority=priority)
    assert "Priority lead: Professor Kim Lead" in text(client.get(priority.get_absolute_url()))


# Only what is public


def test_an_unlisted_person_has_no_page_and_shows_nowhere(client, today):
    theme = ThemeFactory(lead="")
    hidden = PersonFactory(name="Hidden Person", slug="hidden", listed=False)
    RoleFactory(person=hidden, kind=Role.Kind.THEME_LEAD, theme=theme)
    article = ArticleFactory(title="News", author="Professor Hidden Person")
    article.people.add(hidden)
    Article.objects.filter(pk=article.pk).update(byline_person=hidden)

    assert client.get("/people/hidden/").status_code == 404
    assert client.get("/people/no-such-person/").status_code == 404
    for url in ["/people/", "/people/?past=1", theme.get_absolute_url(), "/search/?q=Hidden",
                "/sitemap.xml"]:  # fmt: skip
        assert "/people/hidden/" not in client.get(url).content.decode(), url
    shown = client.get(article.get_absolute_url())
    assert "by Professor Hidden Person" in text(shown)  # the byline, without a link
    assert b"/people/hidden/" not in shown.content


# The person's page


def test_a_persons_page_shows_their_titles_roles_organisations_and_news(client, today):
    uob = OrganisationFactory(name="University of Birmingham")
    theme = ThemeFactory(title="Data")
    person = PersonFactory(honorific="Professor Sir", name="Rob Example", slug="rob",
                           post_nominals="FMedSci", organisations=[uob], with_photo=True,
                           biography="First paragraph.\n\nSecond paragraph.")  # fmt: skip
    RoleFactory(person=person, kind=Role.Kind.NON_EXECUTIVE_DIRECTOR, starts_on=date(2021, 5, 1))
    RoleFactory(person=person, kind=Role.Kind.THEME_LEAD, theme=theme,
                starts_on=date(2019, 1, 1), ends_on=date(2020, 12, 31))  # fmt: skip
    named = ArticleFactory(title="Board meets")
    named.people.add(person)
    draft = ArticleFactory(title="Board draft", status=Article.Status.DRAFT)
    draft.people.add(person)
    ArticleFactory(title="Unrelated news")

    response = client.get("/people/rob/")
    page = text(response)
    assert "Professor Sir Rob Example, FMedSci" in page
    assert "Non-executive director since 2021" in page
    assert "Past roles Theme lead, 2019–2020: Data" in page
    assert "University of Birmingham" in page
    assert "<p>First paragraph.</p>" in response.content.decode()
    assert "Board meets" in page
    assert "Board draft" not in page
    assert "Unrelated news" not in page
    assert 'alt="Head and shoulders of a person"' in response.content.decode()


def test_a_persons_page_describes_them_to_search_engines(client, today):
    person = PersonFactory(honorific="Dame", name="Yve Example", slug="yve",
                           post_nominals="DBE")  # fmt: skip
    RoleFactory(person=person, kind=Role.Kind.NON_EXECUTIVE_DIRECTOR)
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        client.get("/people/yve/").content.decode(),
        re.S,
    )
    described = [json.loads(block) for block in blocks]
    found = next(data for data in described if data["@type"] == "Person")
    assert found["name"] == "Yve Example"
    assert found["honorificPrefix"] == "Dame"
    assert found["honorificSuffix"] == "DBE"
    assert found["jobTitle"] == ["Non-executive director"]


def test_people_are_in_the_sitemap_and_found_by_search(client, today):
    PersonFactory(name="Shakila Example", slug="shakila")
    assert b"/people/shakila/" in client.get("/sitemap.xml").content
    assert b"/people/</loc>" in client.get("/sitemap.xml").content
    found = client.get("/search/", {"q": "Shakila"})
    assert "People Professor Shakila Example" in text(found)


# Editing people in the admin, through the forms the pages render


def _person_form(client):
    response = client.get("/admin/people/person/add/")
    assert response.status_code == 200
    return pages.form(response, "name")


def _fill_person(form, **role):
    row = form.add_row("roles")
    values = {"name": "Lee Example", "slug": "lee-example", "honorific": "Dr"}
    values |= {f"{row}-{key}": value for key, value in role.items()}
    return values


def test_communications_add_a_person_with_a_role_that_shows_at_once(comms_client, client, today):
    client.get("/people/")  # cached before the change
    form = _person_form(comms_client)
    values = _fill_person(form, kind="chair", starts_on="01/01/2026", ends_on="")
    response = form.submit(comms_client, **values)
    assert response.status_code == 302, pages.errors(response)
    assert "Leadership Dr Lee Example Chair" in text(client.get("/people/"))


@pytest.mark.parametrize(
    ("role", "field", "message"),
    [
        ({"kind": "chair", "starts_on": "01/06/2025", "ends_on": "31/05/2025"}, "ends_on",
         "A role cannot end before it starts: this one starts on 1 June 2025."),
        ({"kind": "theme_lead", "starts_on": "01/06/2025"}, "theme",
         "Choose the theme this person leads."),
        ({"kind": "priority_lead", "starts_on": "01/06/2025"}, "priority",
         "Choose the priority this person leads."),
        ({"kind": "area_lead", "starts_on": "01/06/2025"}, "title",
         "Name the area of work this person leads"),
        ({"kind": "chair", "starts_on": "yesterday"}, "starts_on", "Enter a valid date."),
    ],
)  # fmt: skip
def test_a_bad_role_is_explained_and_nothing_is_saved(comms_client, role, field, message):
    form = _person_form(comms_client)
    response = form.submit(comms_client, **_fill_person(form, **role))
    assert response.status_code == 200
    shown = pages.errors(response)
    assert any(message in error for error in shown.get(f"roles-0-{field}", [])), shown
    assert not Person.objects.exists()
    assert not Role.objects.exists()
    # What was typed is still there to correct.
    assert pages.form(response, "name").value("name") == "Lee Example"


def test_a_theme_is_refused_on_a_role_that_leads_none(comms_client):
    theme = ThemeFactory()
    form = _person_form(comms_client)
    values = _fill_person(form, kind="chair", starts_on="01/06/2025", theme=str(theme.pk))
    shown = pages.errors(form.submit(comms_client, **values))
    assert shown["roles-0-theme"] == [
        "Only a theme lead has a theme: clear this, or change the role."
    ]
    assert not Person.objects.exists()


def test_a_bad_end_date_on_an_existing_person_loses_nothing_saved(comms_client, today):
    role = chair(starts_on=date(2023, 10, 1))
    url = f"/admin/people/person/{role.person.pk}/change/"
    form = pages.form(comms_client.get(url), "name")
    response = form.submit(comms_client, name="Jo Renamed", **{"roles-0-ends_on": "01/01/2020"})
    assert "roles-0-ends_on" in pages.errors(response)
    role.refresh_from_db()
    assert role.ends_on is None
    assert Person.objects.get().name == "Jo Pearce"


def test_the_database_refuses_a_role_ending_before_it_starts(today):
    from django.db import IntegrityError, transaction

    role = chair(starts_on=date(2023, 1, 1))
    role.ends_on = date(2022, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        role.save()


def test_communications_may_not_delete_a_person_but_administrators_may(
    comms_client, admin_client_in_group
):
    person = PersonFactory()
    url = f"/admin/people/person/{person.pk}/delete/"
    assert comms_client.get(url).status_code == 403
    assert admin_client_in_group.post(url, {"post": "yes"}).status_code == 302
    assert not Person.objects.exists()
    assert (
        Group.objects.get(name="Communications")
        .permissions.filter(codename="change_person")
        .exists()
    )


def test_a_photo_needs_alt_text_or_to_be_marked_decorative(today):
    from django.core.exceptions import ValidationError

    person = PersonFactory.build(with_photo=True, photo_alt="", slug="p")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "photo_alt" in error.value.message_dict
    person.photo_decorative = True
    person.full_clean()


# Articles naming people, and bylines


def suggested(response):
    """The people the article form offers to link, ticked or not."""
    found = re.findall(r'name="suggested_people" value="(\d+)"', response.content.decode())
    return {int(pk) for pk in found}


@pytest.fixture
def hanley():
    return PersonFactory(name="Neil Hanley", slug="neil-hanley", other_names="Prof Hanley")


def test_the_article_form_suggests_people_its_text_names_and_links_those_ticked(
    comms_client, client, hanley
):
    other = PersonFactory(honorific="Dr", name="Joht Singh Chandan", slug="joht")
    PersonFactory(name="Not Named", slug="not-named")
    article = ArticleFactory(
        title="Neil Hanley welcomes new trust",
        body="<p>Dr Joht Singh Chandan spoke too.</p>",
        status=Article.Status.DRAFT,
    )
    url = f"/admin/news/article/{article.pk}/change/"
    response = comms_client.get(url)
    form = pages.form(response, "suggested_people")
    assert suggested(response) == {hanley.pk, other.pk}
    assert not [value for name, value in form.fields if name == "suggested_people"]  # unticked

    response = form.submit(comms_client, "_save", suggested_people=[str(hanley.pk)],
                           status="published")  # fmt: skip
    assert response.status_code == 302, pages.errors(response)
    assert list(article.people.all()) == [hanley]
    page = text(client.get(article.get_absolute_url()))
    assert "People Professor Neil Hanley" in page
    assert suggested(comms_client.get(url)) == {other.pk}


def test_a_byline_that_is_a_persons_name_links_to_their_page(comms_client, client, hanley):
    article = ArticleFactory(title="Opinion", author="Louise Stanley")
    url = f"/admin/news/article/{article.pk}/change/"
    form = pages.form(comms_client.get(url), "author")
    response = form.submit(comms_client, "_save", author="Professor Neil Hanley")
    assert response.status_code == 302, pages.errors(response)
    shown = client.get(article.get_absolute_url())
    assert '<a href="/people/neil-hanley/">Professor Neil Hanley</a>' in shown.content.decode()

    # A byline naming nobody on the website links nowhere, and the old link goes.
    form = pages.form(comms_client.get(url), "author")
    form.submit(comms_client, "_save", author="Louise Stanley")
    shown = client.get(article.get_absolute_url())
    assert "by Louise Stanley" in text(shown)
    assert b"/people/neil-hanley/" not in shown.content


def test_an_article_naming_a_person_refreshes_their_cached_page(client, hanley):
    assert "Hanley opens clinic" not in text(client.get("/people/neil-hanley/"))
    article = ArticleFactory(title="Hanley opens clinic")
    article.people.add(hanley)
    assert "Hanley opens clinic" in text(client.get("/people/neil-hanley/"))


def test_renaming_a_person_refreshes_every_cached_page_showing_them(client, today):
    theme = ThemeFactory(lead="")
    role = RoleFactory(kind=Role.Kind.THEME_LEAD, theme=theme)
    urls = ["/people/", role.person.get_absolute_url(), theme.get_absolute_url()]
    for url in urls:
        assert role.person.name in text(client.get(url)), url
    role.person.name = "Renamed Person"
    role.person.save()
    for url in urls:
        assert "Renamed Person" in text(client.get(url)), url


# Query counts: the same with 3 people as with 50


def _people(count):
    theme = ThemeFactory(lead="")
    organisation = OrganisationFactory()
    for index in range(count):
        person = PersonFactory(with_photo=True, organisations=[organisation])
        RoleFactory(person=person, kind=Role.Kind.THEME_LEAD, theme=theme)
        RoleFactory(person=person, kind=Role.Kind.CHAIR, starts_on=date(2018, 1, 1),
                    ends_on=date(2020, 1, 1))  # fmt: skip
        article = ArticleFactory(with_image=True)
        article.people.add(person)
        if index == 0:
            first = person
    return first, theme


def _count_queries(client, url):
    content_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


PEOPLE_QUERIES = {
    # The header's navigation (kept until content changes), the current roles with their
    # people, and whether anyone held a role before (or, with past=1, those past roles).
    "/people/": 3,
    "/people/?past=1": 3,
    # The person, their roles, their organisations, navigation, the news naming them, its
    # total, those articles read again for their cards and their organisations, their next
    # events, the opportunities they are the contact for, the publications they wrote.
    "{person}": 11,
    # The theme, navigation, who leads it today, its news, their total, its next events, its
    # opportunities, its publications.
    "{theme}": 8,
}


@pytest.mark.parametrize(("url", "expected"), PEOPLE_QUERIES.items())
@pytest.mark.parametrize("count", [3, 50])
def test_query_counts_do_not_grow_with_people_or_roles(client, url, expected, count):
    person, theme = _people(count)
    url = url.format(person=person.get_absolute_url(), theme=theme.get_absolute_url())
    assert _count_queries(client, url) == expected, url


def test_restoring_a_person_brings_back_their_roles_as_they_were(comms_client, client, today):
    from reversion.models import Version

    form = _person_form(comms_client)
    values = _fill_person(form, kind="chair", starts_on="01/01/2024", ends_on="")
    assert form.submit(comms_client, "_save", **values).status_code == 302
    person = Person.objects.get()
    first = Version.objects.get_for_object(person).get()

    # The chair is wrongly ended in the past, then restored to the first revision.
    url = f"/admin/people/person/{person.pk}/change/"
    form = pages.form(comms_client.get(url), "name")
    response = form.submit(comms_client, "_save", **{"roles-0-ends_on": "31/12/2024"})
    assert response.status_code == 302, pages.errors(response)
    assert "Dr Lee Example" not in text(client.get("/people/"))

    history = comms_client.get(f"/admin/people/person/{person.pk}/history/").content.decode()
    restore = f"/admin/people/person/{person.pk}/history/{first.pk}/"
    assert f'href="{restore}"' in history
    form = pages.form(comms_client.get(restore), "name")
    assert form.submit(comms_client, "_save").status_code == 302
    assert Role.objects.get().ends_on is None
    assert "Leadership Dr Lee Example Chair" in text(client.get("/people/"))
