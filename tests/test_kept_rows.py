"""Parts kept with the rows of the few models they show (pagecache.totals.cached_for_rows):
the main navigation (pages), the people index (people, roles, themes, priorities) and the
home page's figures, work, members, events and opportunities are not made again after an
article is edited, and show every change to what they show at once.
"""

import re
import threading
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache, caches
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.cache import _failed_at
from documents.models import Document
from events.models import Event
from members.models import Organisation
from news.models import ShareLink
from pagecache import totals
from pagecache.totals import cached_for_rows, read_once_a_request, renew_rows
from pagecache.versions import content_version, this_request
from pages.models import Page
from people.models import Person, Role
from publications.models import Author, Publication

from . import files
from .factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    KeyStatisticFactory,
    OpportunityFactory,
    OrganisationFactory,
    PageFactory,
    PersonFactory,
    PriorityFactory,
    PublicationFactory,
    RoleFactory,
    ThemeFactory,
)
from .test_page_cache import REFUSED, redis_cache, redis_reads  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

PEOPLE = "/people/"
SHOWN_TABLES = re.compile(r'"(people_person|people_role|strategy_\w+|pages_page)"')


def text(response):
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def saved(item, **values):
    """`item` with `values` set, saved."""
    for name, value in values.items():
        setattr(item, name, value)
    item.save()


def navigation(response):
    header = re.search(r'<nav[^>]*aria-label="Main".*?</nav>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", header.group()).split())


@pytest.fixture
def lead(db):
    """Ada Moss, who leads a theme and a priority."""
    person = PersonFactory(honorific="", name="Ada Moss")
    RoleFactory(
        person=person, kind=Role.Kind.PRIORITY_LEAD,
        priority=PriorityFactory(title="Healthy ageing"), starts_on=date(2022, 1, 1),
    )  # fmt: skip
    return RoleFactory(
        person=person, kind=Role.Kind.THEME_LEAD,
        theme=ThemeFactory(title="Inflammation"), starts_on=date(2021, 1, 1),
    )  # fmt: skip


def test_an_article_edit_leaves_the_people_index_and_navigation_as_they_were_kept(
    client, lead, django_capture_on_commit_callbacks
):
    PageFactory(title="Our funding", show_in_navigation=True)
    article = ArticleFactory(title="Trial opens")
    first = client.get(PEOPLE)
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Trial opens, corrected"
        article.save()

    with CaptureQueriesContext(connection) as asked:
        again = client.get(PEOPLE)
    assert again["X-Page-Cache"] == "miss"  # the page itself was made again
    assert text(again) == text(first)
    assert "Our funding" in navigation(again)
    assert not [q["sql"] for q in asked.captured_queries if SHOWN_TABLES.search(q["sql"])]


@pytest.mark.parametrize(
    ("change", "shown", "gone"),
    [
        ("rename the person", "Ada Moss-Lyle", None),
        ("rename the theme", "Inflammation and immunity", None),
        ("rename the priority", "Ageing well", "Healthy ageing"),
        ("add a role", "Leadership Ada Moss Chair", None),
        ("end the role", None, "Inflammation"),
        ("unlist the person", "No roles are listed", "Ada Moss"),
        ("delete the role", None, "Inflammation"),
        ("a role starts", "The board Ada Moss", None),
    ],
)
def test_the_people_index_shows_each_change_to_what_it_shows_at_once(
    client, lead, change, shown, gone, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    tomorrow = timezone.localdate() + timedelta(days=1)
    RoleFactory(person=lead.person, kind=Role.Kind.NON_EXECUTIVE_DIRECTOR, starts_on=tomorrow)
    before = text(client.get(PEOPLE))
    assert "Ada Moss" in before
    assert "The board" not in before
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the person":
                lead.person.name = "Ada Moss-Lyle"
                lead.person.save()
            case "rename the theme":
                lead.theme.title = "Inflammation and immunity"
                lead.theme.save()
            case "rename the priority":
                priority = lead.person.roles.get(kind=Role.Kind.PRIORITY_LEAD).priority
                priority.title = "Ageing well"
                priority.save()
            case "add a role":
                RoleFactory(person=lead.person, kind=Role.Kind.CHAIR)
            case "end the role":
                lead.ends_on = timezone.localdate() - timedelta(days=1)
                lead.save()
            case "unlist the person":
                lead.person.listed = False
                lead.person.save()
            case "delete the role":
                lead.delete()
            case "a role starts":  # by itself at midnight: nothing is saved
                time_machine.move_to(
                    timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
                    + timedelta(minutes=1)
                )
    after = text(client.get(PEOPLE))
    assert shown is None or shown in after
    assert gone is None or gone not in after


@pytest.mark.usefixtures("redis_cache")
def test_a_change_saved_while_the_cache_was_down_shows_once_it_is_back(client, lead, settings):
    """Even where the worker that saved it was replaced after its next request: the debt is
    settled at the start of any request, not only when the part is next read there."""
    assert "Ada Moss" in text(client.get(PEOPLE))
    working = settings.CACHES
    settings.CACHES = {**working, "default": {**working["default"], "LOCATION": REFUSED}}
    lead.person.name = "Ada Lyle"
    lead.person.save()
    settings.CACHES = working
    _failed_at.clear()  # as once the cache has rested

    client.get("/news/feed/")  # the saving worker's next request, of a page without it
    totals._owed.clear()  # then it is replaced, with whatever it still owed
    caches["parts"].clear()  # by a worker with no copies of its own
    assert "Ada Lyle" in text(client.get(PEOPLE))


@pytest.mark.usefixtures("redis_cache")
def test_a_shared_cache_emptied_under_a_worker_asks_the_schedules_once_not_per_part(
    client, home_parts, settings
):
    """A worker trusts its copy of the version for a second; if the shared cache loses the
    version meanwhile, the parts kept with rows are made again, not named by asking every
    schedule when pages next change, once per part (the home page has six)."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")  # the worker starts listening for changes
    client.get("/")  # and keeps its copy of the version
    cache.clear()
    caches["parts"].clear()  # as a worker that has not kept these parts itself
    with CaptureQueriesContext(connection) as asked:
        home = text(client.get("/"))
    assert "Frailty seminar" in home
    probes = [q for q in asked.captured_queries if 'AS "publish_at" FROM "pages_page"' in q["sql"]]
    assert len(probes) <= 1  # none while the copy is trusted; one if it has just expired


def test_a_part_kept_with_rows_is_made_again_when_their_links_change(db):
    page = PageFactory()
    member = OrganisationFactory(name="Northfield Hospitals NHS Trust")

    def names():
        return list(page.organisations.values_list("name", flat=True))

    assert cached_for_rows([Page], "about", names) == []
    page.organisations.add(member)
    assert cached_for_rows([Page], "about", names) == ["Northfield Hospitals NHS Trust"]
    getattr(member, Page.organisations.rel.related_name).remove(page)  # from the other side
    assert cached_for_rows([Page], "about", names) == []


@pytest.fixture
def home_parts(db):
    """A member, a theme, a priority with its headline figure, an event and an opportunity,
    as the home page shows."""
    return {
        "event": EventFactory(title="Frailty seminar"),
        "opportunity": OpportunityFactory(title="Pump-priming call"),
        "member": OrganisationFactory(name="Northfield Hospitals NHS Trust"),
        "theme": ThemeFactory(title="Inflammation"),
        "figure": KeyStatisticFactory(
            priority=PriorityFactory(title="Healthy ageing"), value="7.9", label="Frailty"
        ),
    }


def test_an_article_edit_leaves_the_home_pages_figures_work_and_members_as_kept(
    client, home_parts, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Trial opens")
    first = text(client.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Trial opens, corrected"
        article.save()

    with CaptureQueriesContext(connection) as asked:
        again = text(client.get("/"))
    assert again == first.replace("Trial opens", "Trial opens, corrected")
    read = [q["sql"] for q in asked.captured_queries]
    assert not [sql for sql in read if re.search(r'"(strategy|events|opportunities)_', sql)]
    # The only organisations read are those of the news cards made again.
    assert not [
        sql for sql in read if '"members_organisation"' in sql and "_organisations" not in sql
    ]


@pytest.mark.parametrize(
    ("change", "shown", "gone"),
    [
        ("rename the member", "Northfield and Selly Oak Hospitals", "Northfield Hospitals"),
        ("the member leaves", None, "Northfield Hospitals"),
        ("a new figure", "8.4", "7.9"),
        ("rename the theme", "Inflammation and immunity", None),
        ("rename the priority", "Ageing well", "Healthy ageing"),
        ("rename the event", "Frailty and falls seminar", "Frailty seminar"),
        ("the event finishes", "no events coming up", "Frailty seminar"),
        ("rename the opportunity", "Seed funding call", "Pump-priming call"),
        ("the opportunity closes", None, "Pump-priming call"),
    ],
)
def test_the_home_page_shows_each_change_to_its_figures_work_and_members_at_once(
    client, home_parts, change, shown, gone, django_capture_on_commit_callbacks, time_machine
):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the member":
                home_parts["member"].name = "Northfield and Selly Oak Hospitals NHS Trust"
                home_parts["member"].save()
            case "the member leaves":
                home_parts["member"].left_on = timezone.localdate()
                home_parts["member"].save()
            case "a new figure":
                home_parts["figure"].value = "8.4"
                home_parts["figure"].save()
            case "rename the theme":
                home_parts["theme"].title = "Inflammation and immunity"
                home_parts["theme"].save()
            case "rename the priority":
                home_parts["figure"].priority.title = "Ageing well"
                home_parts["figure"].priority.save()
            case "rename the event":
                home_parts["event"].title = "Frailty and falls seminar"
                home_parts["event"].save()
            case "the event finishes":  # by itself: nothing is saved
                time_machine.move_to(home_parts["event"].ends_at + timedelta(minutes=1))
            case "rename the opportunity":
                home_parts["opportunity"].title = "Seed funding call"
                home_parts["opportunity"].save()
            case "the opportunity closes":
                time_machine.move_to(home_parts["opportunity"].closes_at + timedelta(minutes=1))
    home = text(client.get("/"))
    assert shown is None or shown in home
    assert gone is None or gone not in home


def test_navigation_shows_a_page_renamed_and_one_going_live_on_time(
    client, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(timezone.now(), tick=False)
    offered = PageFactory(title="Our funding", show_in_navigation=True)
    due = timezone.now() + timedelta(hours=2)
    PageFactory(title="Join us", show_in_navigation=True, publish_at=due)
    assert "Our funding" in navigation(client.get("/"))

    with django_capture_on_commit_callbacks(execute=True):
        offered.title = "How we are funded"
        offered.save()
    renamed = navigation(client.get("/news/"))
    assert "How we are funded" in renamed
    assert "Join us" not in renamed

    time_machine.move_to(due + timedelta(seconds=1), tick=False)
    assert "Join us" in navigation(client.get("/news/"))


def test_a_staff_post_to_a_models_admin_renews_what_is_kept_with_its_rows(
    admin_client_in_group, client, lead
):
    """An admin action may update rows without signals: the POST to the model's admin pages
    stands for it."""
    assert "Ada Moss" in text(client.get(PEOPLE))
    Person.objects.filter(pk=lead.person_id).update(name="Ada Lyle")  # sends no signal

    response = admin_client_in_group.post(
        "/admin/people/person/",
        {"action": "delete_selected", "_selected_action": [lead.person_id]},
    )
    assert response.status_code == 200  # asks to confirm; deletes nothing
    assert "Ada Lyle" in text(client.get(PEOPLE))


def test_a_part_kept_with_rows_nobody_tracks_is_refused():
    with pytest.raises(ImproperlyConfigured, match=r"news\.ShareLink"):
        cached_for_rows([ShareLink], "share links", lambda: "every link")


@pytest.fixture
def member_with_work(db):
    """A member with an event, an opportunity and a publication about it or by it."""
    member = OrganisationFactory(name="Aston University", slug="aston")
    EventFactory(title="Trial open day").organisations.add(member)
    OpportunityFactory(title="Pump-priming call", organisations=[member])
    report = PublicationFactory(title="Annual report")
    Author.objects.create(publication=report, organisation=member)
    return member


MEMBER_WORK_TABLES = re.compile(r'"(events_event|opportunities_opportunity|publications_\w+)"')


def test_an_article_edit_leaves_a_members_events_opportunities_and_publications_unread(
    client, member_with_work, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Trial opens", organisations=[member_with_work])
    first = text(client.get(member_with_work.get_absolute_url()))
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Trial opens, corrected"
        article.save()

    with CaptureQueriesContext(connection) as asked:
        again = text(client.get(member_with_work.get_absolute_url()))
    assert again == first.replace("Trial opens", "Trial opens, corrected")
    assert not [q["sql"] for q in asked.captured_queries if MEMBER_WORK_TABLES.search(q["sql"])]


@pytest.mark.parametrize(
    ("change", "shown", "gone"),
    [
        ("rename the event", "Trial open evening", "Trial open day"),
        ("unlink the event from the member's side", None, "Trial open day"),
        ("the member organises another event", "Spring symposium", None),
        ("rename the opportunity", "Pump-priming call 2027", None),
        ("the opportunity closes", None, "Pump-priming call"),
        ("rename the publication", "Annual report 2026", None),
        ("the member writes another publication", "Trial results", None),
        ("remove the member as author", None, "Annual report"),
        # Each list's heading names the member.
        ("rename the member", "Events about Aston Medical School", None),
        ("rename the member", "Opportunities with Aston Medical School", None),
        ("rename the member", "Publications by or about Aston Medical School", None),
    ],
)
def test_a_members_events_opportunities_and_publications_show_each_change_at_once(
    client, member_with_work, change, shown, gone, django_capture_on_commit_callbacks,
    time_machine,
):  # fmt: skip
    time_machine.move_to(timezone.now(), tick=False)
    event = EventFactory(title="Spring symposium")
    page = member_with_work.get_absolute_url()
    before = text(client.get(page))
    assert gone is None or gone in before
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the event":
                saved(member_with_work.events.get(), title="Trial open evening")
            case "unlink the event from the member's side":
                member_with_work.events.clear()
            case "the member organises another event":
                saved(event, organiser=member_with_work)
            case "rename the opportunity":
                saved(member_with_work.opportunities.get(), title="Pump-priming call 2027")
            case "the opportunity closes":
                closes = member_with_work.opportunities.get().closes_at
                time_machine.move_to(closes + timedelta(seconds=1), tick=False)
            case "rename the publication":
                authored = member_with_work.publications_authored.get()
                saved(authored.publication, title="Annual report 2026")
            case "the member writes another publication":
                Author.objects.create(
                    publication=PublicationFactory(title="Trial results"),
                    organisation=member_with_work,
                )
            case "remove the member as author":
                member_with_work.publications_authored.get().delete()
            case "rename the member":
                saved(member_with_work, name="Aston Medical School")
    after = text(client.get(page))
    assert shown is None or shown in after
    assert gone is None or gone not in after


@pytest.fixture
def listed_work(db):
    """An event, an opportunity and a publication on the theme Inflammation."""
    theme = ThemeFactory(title="Inflammation", slug="inflammation")
    EventFactory(title="Trial open day").themes.add(theme)
    OpportunityFactory(title="Pump-priming call", themes=[theme])
    PublicationFactory(title="Annual report", themes=[theme])
    PublicationFactory(title="Trial methods", themes=[theme])  # so the theme stays in use
    return theme


LISTS = ["/events/", "/events/?theme=inflammation", "/opportunities/", "/publications/",
         "/publications/?theme=inflammation"]  # fmt: skip


@pytest.mark.parametrize("url", LISTS)
def test_an_article_edit_leaves_the_lists_of_events_opportunities_and_publications_unread(
    client, listed_work, url, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Trial opens", themes=[listed_work])
    first = text(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Trial opens, corrected"
        article.save()

    with CaptureQueriesContext(connection) as asked:
        assert text(client.get(url)) == first
    assert not [q["sql"] for q in asked.captured_queries if MEMBER_WORK_TABLES.search(q["sql"])]
    assert not [q["sql"] for q in asked.captured_queries if '"strategy_' in q["sql"]]


@pytest.mark.parametrize(
    ("url", "change", "shown", "gone"),
    [
        ("/events/?theme=inflammation", "rename the event", "Trial open evening", "open day"),
        ("/events/", "take the event down", None, "Trial open day"),
        ("/events/?theme=inflammation", "rename the theme", "Inflammation and immunity", None),
        ("/opportunities/", "rename the opportunity", "Pump-priming call 2027", None),
        ("/opportunities/", "the opportunity closes", None, "Pump-priming call"),
        ("/publications/?theme=inflammation", "rename the publication", "Annual report 2026",
         None),
        ("/publications/", "rename the theme", "Inflammation and immunity", None),
        ("/publications/?theme=inflammation", "unlink the publication", None, "Annual report"),
    ],
)  # fmt: skip
def test_the_lists_of_events_opportunities_and_publications_show_each_change_at_once(
    client, listed_work, url, change, shown, gone, django_capture_on_commit_callbacks,
    time_machine,
):  # fmt: skip
    time_machine.move_to(timezone.now(), tick=False)
    before = text(client.get(url))
    assert gone is None or gone in before
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the event":
                saved(listed_work.events.get(), title="Trial open evening")
            case "take the event down":
                saved(listed_work.events.get(), status="draft")
            case "rename the theme":
                saved(listed_work, title="Inflammation and immunity")
            case "rename the opportunity":
                saved(listed_work.opportunities.get(), title="Pump-priming call 2027")
            case "the opportunity closes":
                closes = listed_work.opportunities.get().closes_at
                time_machine.move_to(closes + timedelta(seconds=1), tick=False)
            case "rename the publication":
                saved(
                    listed_work.publications.get(title="Annual report"), title="Annual report 2026"
                )
            case "unlink the publication":
                listed_work.publications.remove(Publication.objects.get(title="Annual report"))
    after = text(client.get(url))
    assert shown is None or shown in after
    assert gone is None or gone not in after


GENERATION = re.compile(r":rows:\w+\.\w+$")


@pytest.mark.usefixtures("redis_cache")
def test_a_request_reads_each_generation_once_so_that_its_parts_agree(
    client, listed_work, django_capture_on_commit_callbacks,
    redis_reads,  # noqa: F811 (a fixture)
):  # fmt: skip
    """The events list keeps its filters' choices and markup, the chosen theme, its total,
    its rows and its cards, each with the rows of events and what they are filtered by:
    after an event's save, every part is named by the generations as the request first
    read them (one read each), and shows the save."""
    url = "/events/?theme=inflammation"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        saved(listed_work.events.get(), title="Trial open evening")
    redis_reads.clear()
    assert "Trial open evening" in text(client.get(url))
    generations = [key for read in redis_reads for key in read if GENERATION.search(str(key))]
    assert len(generations) == len(set(generations)) == 4  # events, members, themes, pages


SEARCH = "/search/?q=inflammation"


@pytest.fixture
def found_elsewhere(db):
    """What a search for "inflammation" finds beside the news."""
    ThemeFactory(title="Inflammation", slug="inflammation")
    EventFactory(title="Inflammation seminar")
    PublicationFactory(title="Inflammation report")


@pytest.mark.usefixtures("found_elsewhere")
def test_an_article_edit_leaves_what_a_search_finds_beside_the_news_unread(
    client, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Inflammation trial opens")
    first = text(client.get(SEARCH))
    assert "Inflammation seminar" in first
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Inflammation trial opens, corrected"
        article.save()

    with CaptureQueriesContext(connection) as asked:
        again = text(client.get(SEARCH))
    assert again == first.replace("trial opens", "trial opens, corrected")
    assert not [q["sql"] for q in asked.captured_queries if MEMBER_WORK_TABLES.search(q["sql"])]


@pytest.mark.usefixtures("found_elsewhere")
@pytest.mark.parametrize(
    ("change", "shown", "gone"),
    [
        ("rename the event", "Inflammation symposium", "Inflammation seminar"),
        ("delete the publication", None, "Inflammation report"),
        ("a page about it", "Inflammation explained", None),
    ],
)
def test_what_a_search_finds_beside_the_news_shows_each_change_at_once(
    client, change, shown, gone, django_capture_on_commit_callbacks
):
    before = text(client.get(SEARCH))
    assert gone is None or gone in before
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the event":
                saved(
                    Event.objects.get(title="Inflammation seminar"), title="Inflammation symposium"
                )
            case "delete the publication":
                Publication.objects.get(title="Inflammation report").delete()
            case "a page about it":
                PageFactory(title="Inflammation explained")
    after = text(client.get(SEARCH))
    assert shown is None or shown in after
    assert gone is None or gone not in after


@pytest.fixture
def section(db):
    """A section with a child page, linked to a member."""
    parent = PageFactory(title="Our work", slug="our-work", organisations=[
        OrganisationFactory(name="Aston University", short_name="")
    ])  # fmt: skip
    PageFactory(title="Clinical trials", slug="trials", parent=parent)
    return parent


def test_an_article_edit_leaves_a_section_page_unread(
    client, section, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Trial opens")
    first = text(client.get(section.get_absolute_url()))
    with django_capture_on_commit_callbacks(execute=True):
        saved(article, title="Trial opens, corrected")

    with CaptureQueriesContext(connection) as asked:
        assert text(client.get(section.get_absolute_url())) == first
    assert not [q["sql"] for q in asked.captured_queries if SHOWN_TABLES.search(q["sql"])]


@pytest.mark.parametrize(
    ("change", "shown", "gone"),
    [
        ("rename the section", "What we do", "Our work"),
        ("rename the child", "Trials and studies", "Clinical trials"),
        ("take the child down", None, "Clinical trials"),
        ("rename the member", "Aston University Hospital", None),
    ],
)
def test_a_section_page_shows_each_change_to_what_it_shows_at_once(
    client, section, change, shown, gone, django_capture_on_commit_callbacks
):
    before = text(client.get(section.get_absolute_url()))
    assert gone is None or gone in before
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the section":
                saved(section, title="What we do")
            case "rename the child":
                saved(section.children.get(), title="Trials and studies")
            case "take the child down":
                saved(section.children.get(), status=Page.Status.DRAFT)
            case "rename the member":
                saved(section.organisations.get(), name="Aston University Hospital")
    after = text(client.get(section.get_absolute_url()))
    assert shown is None or shown in after
    assert gone is None or gone not in after


@pytest.fixture
def detailed(db):
    """An event, an opportunity and a publication, each linked to a member, a theme, a
    priority, a person and (the last two) a document, as their pages show them."""
    member = OrganisationFactory(name="Aston University")
    theme, priority = ThemeFactory(title="Inflammation"), PriorityFactory(title="Healthy ageing")
    person = PersonFactory(honorific="", name="Ada Moss")
    document = DocumentFactory(title="Call guidance")
    event = EventFactory(title="Trial open day", organiser=member)
    event.people.add(person)
    event.themes.add(theme)
    event.priorities.add(priority)
    opportunity = OpportunityFactory(
        title="Pump-priming call", organisations=[member], themes=[theme],
        contact_person=person, apply_document=document,
    )  # fmt: skip
    opportunity.priorities.add(priority)
    publication = PublicationFactory(title="Annual report", themes=[theme], pdf=document)
    publication.priorities.add(priority)
    Author.objects.create(publication=publication, person=person)
    Author.objects.create(publication=publication, organisation=member)
    return {"event": event, "opportunity": opportunity, "publication": publication}


DETAILS = ["event", "opportunity", "publication"]
DETAIL_TABLES = re.compile(
    r'"(events_event|opportunities_opportunity|publications_\w+|members_\w+|people_\w+'
    r'|strategy_\w+|documents_\w+)"'
)


@pytest.mark.parametrize("kind", DETAILS)
def test_an_article_edit_leaves_an_events_opportunitys_and_publications_page_unread(
    client, detailed, kind, django_capture_on_commit_callbacks
):
    page = detailed[kind].get_absolute_url()
    article = ArticleFactory(title="Trial opens")
    first = text(client.get(page))
    with django_capture_on_commit_callbacks(execute=True):
        saved(article, title="Trial opens, corrected")

    with CaptureQueriesContext(connection) as asked:
        again = client.get(page)
    assert again["X-Page-Cache"] == "miss"  # the page itself was made again
    assert text(again) == first
    assert not [q["sql"] for q in asked.captured_queries if DETAIL_TABLES.search(q["sql"])]


DETAIL_CHANGES = [
    ("rename the member", "Aston Medical School"),
    ("rename the theme", "Inflammation and immunity"),
    ("rename the priority", "Ageing well"),
    ("rename the person", "Ada Moss-Lyle"),
    ("replace the document's file", None),  # what it shows: its type and size
    ("rename the item", "renamed"),
]


@pytest.mark.parametrize(
    ("kind", "change", "shown"),
    [
        (kind, change, shown)
        for kind in DETAILS
        for change, shown in DETAIL_CHANGES
        if (kind, change) != ("event", "replace the document's file")  # an event has none
    ]
    + [("publication", "add an author", "Ben Ng")],
)
def test_an_events_opportunitys_and_publications_page_shows_each_change_at_once(
    client, detailed, kind, change, shown, django_capture_on_commit_callbacks
):
    item = detailed[kind]
    page = item.get_absolute_url()
    before = text(client.get(page))
    with django_capture_on_commit_callbacks(execute=True):
        match change:
            case "rename the member":
                saved(Organisation.objects.get(), name="Aston Medical School")
            case "rename the theme":
                saved(item.themes.get(), title="Inflammation and immunity")
            case "rename the priority":
                saved(item.priorities.get(), title="Ageing well")
            case "rename the person":
                saved(Person.objects.get(), name="Ada Moss-Lyle")
            case "replace the document's file":
                document = Document.objects.get()
                saved(document, file=ContentFile(files.pdf(pages=1), name="guidance.pdf"))
                shown = " ".join(document.type_and_size.split())  # as `text` reads it
            case "rename the item":
                saved(item, title=f"{item.title}, renamed")
            case "add an author":  # by name only: no other row changes
                Author.objects.create(publication=item, name="Ben Ng", position=3)
    after = text(client.get(page))
    assert shown not in before
    assert shown in after


@contextmanager
def one_request():
    """What the page-cache middleware sets up for each request."""
    started = this_request.set("")
    try:
        with read_once_a_request():
            yield
    finally:
        this_request.reset(started)


def page_titles():
    return list(Page.objects.values_list("title", flat=True))


@pytest.fixture
def saved_while_a_request_runs(db):
    """A request begun (the content version read) after this worker kept the pages' titles,
    then another worker's save of a page's title committing (its rows' generation renewed,
    in a thread of its own): the request, still running, is yielded."""
    page = PageFactory(title="Our funding", show_in_navigation=True)
    with one_request():
        cached_for_rows([Page], "titles", page_titles)  # this worker's copy
    with one_request():
        content_version()  # the request begins
        Page.objects.filter(pk=page.pk).update(title="Our grants")  # the save
        renewal = threading.Thread(target=_another_worker, args=(renew_rows, Page))
        renewal.start()
        renewal.join()
        yield


def _another_worker(work, *args):
    try:
        work(*args)
    finally:
        connections.close_all()  # its own connection, which the test database outlives


def titles_markup():
    listed = cached_for_rows([Page], "titles", page_titles)
    return cached_for_rows([Page], "titles-markup", lambda: " and ".join(listed))


def test_a_workers_copy_from_before_a_save_is_not_used_beside_a_part_named_after_it(
    saved_while_a_request_runs,
):
    """A request that began before another worker's save committed reads the version as it
    was, so it may find one part in its worker's copy (made from the rows before the save)
    and name another after the save: made from the first, the second would be kept under
    the new name, and every worker would show it stale until the next change."""
    assert titles_markup() == "Our funding"  # as the page this request began with showed it
    caches["parts"].clear()  # another worker, with no copies of its own
    with one_request():
        assert titles_markup() == "Our grants"


def test_a_workers_copy_from_before_a_save_is_made_again_once_the_request_read_the_save(
    saved_while_a_request_runs,
):
    """The same, the other way round: a part named after the save first, then one that
    this worker holds from before it, made again under the request's name."""
    assert cached_for_rows([Page], "count", Page.objects.count) == 1  # named after the save
    assert titles_markup() == "Our grants"
