"""Opportunities: open, closing soon and closed by the clock alone, on cached pages too;
their listings, page, feeds, structured data and admin."""

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opportunities.models import Opportunity, ShareLink, closing_soon_from
from pagecache.versions import content_version

from . import pages
from .factories import (
    ArticleFactory,
    DocumentFactory,
    OpportunityFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
LIST = "/opportunities/"
CLOSED = "/opportunities/closed/"


def london(*args):
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def visitor():
    return Client()


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


ADD = "/admin/opportunities/opportunity/add/"


def _submit(client, **values):
    """The admin's add form, as the page rendered it, sent with `values`."""
    form = pages.form(client.get(ADD), "title")
    return form.submit(client, **values)


def _status(page):
    """The status badge of the one opportunity on a page."""
    return re.search(r'class="badge opportunity-status[^"]*">([^<]+)<', page).group(1)


def test_the_list_shows_open_ones_closing_soonest_first_and_not_closed_ones(visitor):
    now = timezone.now()
    OpportunityFactory(title="Closes later", closes_at=now + timedelta(days=40))
    OpportunityFactory(title="Closes first", closes_at=now + timedelta(days=3))
    OpportunityFactory(title="Already closed", opens_at=now - timedelta(days=9),
                       closes_at=now - timedelta(days=1))  # fmt: skip
    OpportunityFactory(title="A draft call", status=Opportunity.Status.DRAFT)
    page = _page(visitor, LIST)
    assert page.index("Closes first") < page.index("Closes later")
    assert "Already closed" not in page
    assert "A draft call" not in page
    assert "2 open opportunities" in page
    closed = _page(visitor, CLOSED)
    assert "Already closed" in closed
    assert "Closes first" not in closed


def test_the_list_filters_by_kind_and_refuses_an_unknown_kind(visitor):
    OpportunityFactory(title="Research nurse post", kind=Opportunity.Kind.VACANCY)
    OpportunityFactory(title="Money pot", kind=Opportunity.Kind.FUNDING_CALL)
    page = _page(visitor, f"{LIST}?kind=vacancy")
    assert "Research nurse post" in page
    assert "Money pot" not in page
    assert 'aria-current="page">Vacancy</a>' in page
    assert visitor.get(f"{LIST}?kind=nonsense").status_code == 404
    assert visitor.get(f"{LIST}?kind=" + "x" * 10_000).status_code == 404


def test_an_opportunity_closes_by_itself_while_its_page_is_cached(visitor, time_machine):
    """No job runs: the content version expires at the closing time, so the next visitor
    gets a fresh page that says it is closed."""
    time_machine.move_to(london(2027, 5, 10, 16, 0))
    item = OpportunityFactory(title="Starter call", opens_at=london(2027, 5, 1, 9, 0),
                              closes_at=london(2027, 5, 10, 17, 0))  # fmt: skip
    url = item.get_absolute_url()
    for _ in range(2):  # the second visit is a cache hit
        response = visitor.get(url)
        assert _status(response.content.decode()) == "Closing soon"
        assert "Starter call" in _page(visitor, LIST)
        assert "Starter call" not in _page(visitor, CLOSED)
    assert response["X-Page-Cache"] == "hit"
    assert 'href="https://apply.example.org/form"' in response.content.decode()

    time_machine.move_to(london(2027, 5, 10, 17, 0, 1))
    page = _page(visitor, url)
    assert _status(page) == "Closed"
    assert "This opportunity has closed" in page
    assert 'href="https://apply.example.org/form"' not in page  # nobody is sent to apply
    assert "Starter call" not in _page(visitor, LIST)
    assert "Starter call" in _page(visitor, CLOSED)


@pytest.mark.parametrize("page_cache_seconds", [600, 0])
@pytest.mark.parametrize("where", ["its page", "the list", "the home page", "its member's page"])
def test_closing_soon_starts_seven_days_before_on_cached_pages(
    visitor, time_machine, settings, where, page_cache_seconds
):
    """On its own page and on each card of it, whose markup is kept with the page cache
    off too."""
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    time_machine.move_to(london(2027, 6, 1, 12, 0))
    member = OrganisationFactory()
    item = OpportunityFactory(opens_at=london(2027, 5, 1), closes_at=london(2027, 6, 20, 12, 0),
                              organisations=[member])  # fmt: skip
    url = {"its page": item.get_absolute_url(), "the list": LIST, "the home page": "/",
           "its member's page": member.get_absolute_url()}[where]  # fmt: skip
    time_machine.move_to(london(2027, 6, 13, 11, 59, 59))
    assert _status(_page(visitor, url)) == "Open"
    assert _status(_page(visitor, url)) == "Open"  # kept
    time_machine.move_to(london(2027, 6, 13, 12, 0, 0))
    assert _status(_page(visitor, url)) == "Closing soon"


def test_an_opportunity_opens_by_itself_on_cached_pages(visitor, time_machine):
    time_machine.move_to(london(2027, 1, 4, 8, 0))
    item = OpportunityFactory(opens_at=london(2027, 1, 4, 9, 0), closes_at=london(2027, 3, 1))
    page = _page(visitor, item.get_absolute_url())
    assert _status(page) == "Opens later"
    assert "Opens on 4 January 2027" in page
    assert 'href="https://apply.example.org/form"' not in page
    time_machine.move_to(london(2027, 1, 4, 9, 0, 1))
    page = _page(visitor, item.get_absolute_url())
    assert _status(page) == "Open"
    assert 'href="https://apply.example.org/form"' in page


@pytest.mark.parametrize(
    ("closes", "soon_from"),
    [
        # The clocks go forward at 01:00 on 28 March 2027: seven days on the London clock
        # are 167 hours, and "closing soon" still starts at the same time of day.
        (london(2027, 4, 2, 12, 0), london(2027, 3, 26, 12, 0)),
        # And back at 02:00 on 31 October 2027: 169 hours.
        (london(2027, 11, 5, 17, 0), london(2027, 10, 29, 17, 0)),
        # Closing at 01:30 on the night the clocks go back (the first 01:30, in BST).
        (london(2027, 10, 31, 1, 30), london(2027, 10, 24, 1, 30)),
        # At midnight: the first moment of the day, in the calendar's own terms.
        (london(2027, 1, 1, 0, 0), london(2026, 12, 25, 0, 0)),
    ],
)
def test_closing_soon_and_closing_across_clock_changes(visitor, time_machine, closes, soon_from):
    time_machine.move_to(soon_from - timedelta(days=20))
    item = OpportunityFactory(opens_at=soon_from - timedelta(days=30), closes_at=closes)
    assert closing_soon_from(item.closes_at) == soon_from
    assert timezone.localtime(closing_soon_from(item.closes_at)).hour == closes.hour
    url = item.get_absolute_url()
    time_machine.move_to(soon_from - timedelta(seconds=1))
    assert _status(_page(visitor, url)) == "Open"
    # Compared as instants: Python never finds an ambiguous local time equal to another zone's.
    assert Opportunity.objects.next_change().timestamp() == soon_from.timestamp()
    time_machine.move_to(soon_from)
    assert _status(_page(visitor, url)) == "Closing soon"
    assert Opportunity.objects.next_change().timestamp() == closes.timestamp()
    time_machine.move_to(closes - timedelta(seconds=1))
    assert _status(_page(visitor, url)) == "Closing soon"
    time_machine.move_to(closes)
    assert _status(_page(visitor, url)) == "Closed"
    assert Opportunity.objects.next_change() is None


def test_the_page_shows_closing_times_in_uk_time(visitor, time_machine):
    time_machine.move_to(london(2027, 10, 20, 9, 0))
    item = OpportunityFactory(closes_at=london(2027, 11, 1, 17, 0))  # GMT: 17:00 UTC
    page = _page(visitor, item.get_absolute_url())
    assert "1 November 2027 at 17:00" in page
    item.closes_at = london(2027, 10, 25, 17, 0)  # BST: 16:00 UTC
    item.save()
    assert "25 October 2027 at 17:00" in _page(visitor, item.get_absolute_url())


def test_a_staff_form_entering_a_time_that_does_not_exist_is_told_so(admin_client_in_group):
    """01:30 on 28 March 2027 never happens in London (the clocks jump from 01:00 to 02:00)."""
    response = _submit(
        admin_client_in_group,
        **{
            "title": "Spring call",
            "slug": "spring-call",
            "summary": "A call.",
            "apply_url": "https://apply.example.org/",
            "opens_at_0": "01/03/2027",
            "opens_at_1": "09:00",
            "closes_at_0": "28/03/2027",
            "closes_at_1": "01:30",
        },
    )
    assert response.status_code == 200
    # The reason names the change and the times that do exist (core.localtimes), as for events.
    assert (
        "The clocks go forward that night, so 01:30 on 28 March 2027 does not happen in the "
        "UK. Choose 00:30 or 02:30." in response.content.decode()
    )
    assert not Opportunity.objects.exists()


def test_publishing_needs_a_way_to_apply_and_a_closing_after_the_opening(
    admin_client_in_group,
):
    response = _submit(
        admin_client_in_group,
        **{
            "title": "Backwards call",
            "slug": "backwards-call",
            "summary": "A call.",
            "status": "published",
            "opens_at_0": "10/03/2027",
            "opens_at_1": "09:00",
            "closes_at_0": "01/03/2027",
            "closes_at_1": "17:00",
        },
    )
    page = response.content.decode()
    assert "It must close after it opens (10 March 2027 at 09:00)" in page
    assert "Say how to apply: give a web address, an application document, or both." in page
    assert not Opportunity.objects.exists()


def test_the_admin_list_shows_each_ones_status_and_filters_by_it(admin_client_in_group):
    now = timezone.now()
    OpportunityFactory(title="Open call", closes_at=now + timedelta(days=20))
    OpportunityFactory(title="Nearly shut", closes_at=now + timedelta(days=2))
    OpportunityFactory(title="Shut call", opens_at=now - timedelta(days=9),
                       closes_at=now - timedelta(days=1))  # fmt: skip
    OpportunityFactory(title="Later call", opens_at=now + timedelta(days=2),
                       closes_at=now + timedelta(days=30))  # fmt: skip
    url = "/admin/opportunities/opportunity/"
    page = _page(admin_client_in_group, url)
    for title, status in [("Open call", "Open"), ("Nearly shut", "Closing soon"),
                          ("Shut call", "Closed"), ("Later call", "Opens later")]:  # fmt: skip
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{title}(?:(?!</tr>).)*</tr>", page, re.S)
        assert f'<td class="field-open_label">{status}</td>' in row.group(0)
    for value, title in [("soon", "Nearly shut"), ("closed", "Shut call"),
                         ("later", "Later call")]:  # fmt: skip
        filtered = _page(admin_client_in_group, f"{url}?open={value}")
        assert title in filtered
        assert "Open call" not in filtered
    assert "Shut call" in _page(admin_client_in_group, f"{url}?q=shut")
    assert "Open call" not in _page(admin_client_in_group, f"{url}?q=shut")


def test_communications_may_add_and_publish_opportunities(comms_client):
    response = _submit(
        comms_client,
        **{
            "title": "Data fellowship",
            "slug": "data-fellowship",
            "kind": "fellowship",
            "summary": "A year of protected time for data science.",
            "apply_url": "https://apply.example.org/fellowship",
            "status": "published",
            "opens_at_0": "01/01/2026",
            "opens_at_1": "09:00",
            "closes_at_0": "01/01/2099",
            "closes_at_1": "17:00",
        },
    )
    assert response.status_code == 302
    assert Opportunity.objects.live().get().title == "Data fellowship"


def _feed_titles(root, path, ns):
    return [title.text for title in root.findall(path, ns)]


def test_the_feeds_list_new_open_opportunities_parsed_as_each_format_says(visitor):
    now = timezone.now()
    OpportunityFactory(title="Older call", publish_at=now - timedelta(days=5))
    OpportunityFactory(
        title="Newer <call> & more",
        summary="Fish & <chips>",
        publish_at=now - timedelta(days=1),
        kind=Opportunity.Kind.VACANCY,
    )
    OpportunityFactory(title="Closed call", opens_at=now - timedelta(days=9),
                       closes_at=now - timedelta(days=1))  # fmt: skip
    OpportunityFactory(title="Draft call", status=Opportunity.Status.DRAFT)

    rss = ET.fromstring(visitor.get("/opportunities/feed/").content)
    assert _feed_titles(rss, "channel/item/title", {}) == ["Newer <call> & more", "Older call"]
    description = rss.find("channel/item/description").text
    # Escaped for HTML inside the XML, so a reader never makes it markup.
    assert description.startswith("Fish &amp; &lt;chips&gt; Closes ")
    assert rss.find("channel/item/category").text == "Vacancy"

    atom_ns = {"a": "http://www.w3.org/2005/Atom"}
    atom = ET.fromstring(visitor.get("/opportunities/feed/atom/").content)
    assert _feed_titles(atom, "a:entry/a:title", atom_ns) == ["Newer <call> & more", "Older call"]
    summary = atom.find("a:entry/a:summary", atom_ns)
    assert summary.get("type") == "text"
    assert summary.text.startswith("Fish & <chips> Closes ")

    response = visitor.get("/opportunities/feed/json/")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["home_page_url"] == "http://testserver/opportunities/"
    assert [item["title"] for item in feed["items"]] == ["Newer <call> & more", "Older call"]
    first = feed["items"][0]
    assert first["url"].startswith("http://testserver/opportunities/")
    assert first["tags"] == ["Vacancy"]
    assert datetime.fromisoformat(first["date_published"]).tzinfo is not None


def test_a_vacancy_is_a_job_posting_and_a_funding_call_a_web_page(visitor):
    vacancy = OpportunityFactory(kind=Opportunity.Kind.VACANCY, title="Research manager",
                                 closes_at=london(2099, 1, 8, 17, 0))  # fmt: skip
    call = OpportunityFactory(kind=Opportunity.Kind.FUNDING_CALL, title="Seed call")

    def data(item):
        page = _page(visitor, item.get_absolute_url())
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        return [json.loads(block) for block in blocks]

    posting = next(d for d in data(vacancy) if d["@type"] == "JobPosting")
    assert posting["title"] == "Research manager"
    assert posting["validThrough"] == "2099-01-08T17:00:00+00:00"
    assert posting["hiringOrganization"]["name"] == "Birmingham Health Partners"
    assert posting["jobLocation"]["address"]["addressCountry"] == "GB"
    assert any(d["@type"] == "WebPage" and d["name"] == "Seed call" for d in data(call))


def test_drafts_are_hidden_from_visitors_and_shown_marked_to_staff(visitor, comms_client):
    draft = OpportunityFactory(title="Secret call", status=Opportunity.Status.DRAFT)
    assert visitor.get(draft.get_absolute_url()).status_code == 404
    page = _page(comms_client, draft.get_absolute_url())
    assert "This opportunity is a draft." in page


def test_member_person_and_home_pages_list_open_opportunities(visitor):
    member = OrganisationFactory(name="Example Trust", slug="example-trust")
    person = PersonFactory(name="Ada Contact", slug="ada-contact")
    now = timezone.now()
    linked = OpportunityFactory(title="Trust fellowship", contact_person=person)
    linked.organisations.add(member)
    OpportunityFactory(title="Shut trust call", opens_at=now - timedelta(days=9),
                       closes_at=now - timedelta(days=1)).organisations.add(member)  # fmt: skip
    assert "Trust fellowship" in _page(visitor, member.get_absolute_url())
    assert "Shut trust call" not in _page(visitor, member.get_absolute_url())
    assert "Trust fellowship" in _page(visitor, person.get_absolute_url())
    home = _page(visitor, "/")
    assert "Open opportunities" in home
    assert "Trust fellowship" in home
    assert "Shut trust call" not in home


# Query counts: the same with 3 opportunities as with 50, and none once the page is kept.


def _opportunities(count):
    member = OrganisationFactory()
    document = DocumentFactory()
    now = timezone.now()
    for index in range(count):
        OpportunityFactory(
            organisations=[member],
            themes=[ThemeFactory()],
            apply_document=document,
            closes_at=now + timedelta(days=index + 1),
        )
        OpportunityFactory(
            opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=index + 1)
        )
    return Opportunity.objects.open().first()


def _count_queries(client, url):
    content_version()  # one query per content change, not per page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


OPPORTUNITY_QUERIES = {
    # The total, the page's rows, navigation.
    LIST: 3,
    f"{LIST}?kind=funding_call": 3,
    CLOSED: 3,
    # The opportunity with its document and contact; its organisations, themes, priorities;
    # navigation; the document's download rules (news' and this app's, in one query).
    "{detail}": 5,
    # The site record (Django's feeds read it; kept after its first use), the entries.
    "/opportunities/feed/": 2,
    "/opportunities/feed/json/": 2,
}


@pytest.mark.parametrize(("url", "expected"), OPPORTUNITY_QUERIES.items())
@pytest.mark.parametrize("count", [3, 50])
def test_query_counts_do_not_grow_with_opportunities(visitor, settings, url, expected, count):
    settings.NEWS_PAGE_SIZE = 50
    url = url.format(detail=_opportunities(count).get_absolute_url())
    assert _count_queries(visitor, url) == expected, url
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(url)["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_search_finds_open_opportunities_and_not_closed_ones(visitor):
    now = timezone.now()
    OpportunityFactory(title="Genomics fellowship", summary="Two years of genomics research.")
    OpportunityFactory(
        title="Genomics vacancy",
        summary="Filled already.",
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=1),
    )
    page = _page(visitor, "/search/?q=genomics")
    assert "Open opportunities" in page
    assert "Genomics fellowship" in page
    assert "Genomics vacancy" not in page


def test_the_sitemap_lists_live_opportunities_open_or_closed(visitor):
    now = timezone.now()
    OpportunityFactory(slug="open-call")
    OpportunityFactory(slug="shut-call", opens_at=now - timedelta(days=9),
                       closes_at=now - timedelta(days=1))  # fmt: skip
    OpportunityFactory(slug="draft-call", status=Opportunity.Status.DRAFT)
    page = _page(visitor, "/sitemap.xml")
    assert "http://testserver/opportunities/</loc>" in page
    assert "http://testserver/opportunities/open-call/</loc>" in page
    assert "http://testserver/opportunities/shut-call/</loc>" in page
    assert "draft-call" not in page


def test_an_article_links_its_live_opportunities_in_its_aside(visitor, admin_client_in_group):
    call = OpportunityFactory(title="Linked call")
    draft = OpportunityFactory(title="Unfinished call", status=Opportunity.Status.DRAFT)
    article = ArticleFactory(title="Call announced")
    change = admin_client_in_group.get(f"/admin/news/article/{article.pk}/change/")
    linked = [str(call.pk), str(draft.pk)]
    response = pages.form(change, "related_opportunities").submit(
        admin_client_in_group, related_opportunities=linked
    )
    assert response.status_code == 302
    aside = _page(visitor, article.get_absolute_url()).split('class="article__aside"')[1]
    assert f'href="{call.get_absolute_url()}">Linked call</a>' in aside
    assert "Funding call: open" in aside
    assert "Unfinished call" not in aside


def test_the_demo_offers_the_starter_fellowship_open_and_a_closed_vacancy(visitor):
    call_command("seed_demo", stdout=io.StringIO())
    listing = _page(visitor, LIST)
    for title in ["BHP Starter Fellowship", "Pump-priming funding", "Survey: what should"]:
        assert title in listing
    fellowship = _page(visitor, "/opportunities/bhp-starter-fellowship/")
    assert _status(fellowship) == "Closing soon"
    assert "Research fellow, BHP Rapid Evaluation Centre" in _page(visitor, CLOSED)
    assert "BHP Starter Fellowship" in _page(visitor, "/")


def test_a_reviewer_sees_a_draft_and_its_application_form_through_a_preview_link(
    comms_client, visitor
):
    document = DocumentFactory(title="Application form")
    draft = OpportunityFactory(title="Embargoed call", status=Opportunity.Status.DRAFT,
                               apply_document=document)  # fmt: skip
    change = f"/admin/opportunities/opportunity/{draft.pk}/change/"
    form = pages.form(comms_client.get(change), "title")
    row = form.add_row("share_links")
    assert form.submit(comms_client, **{f"{row}-expires_at_1": "12:00"}).status_code == 302
    link = ShareLink.objects.get(opportunity=draft)

    assert visitor.get(draft.get_absolute_url()).status_code == 404
    assert visitor.get(document.get_absolute_url()).status_code == 404
    response = visitor.get(link.get_absolute_url())
    page = response.content.decode()
    assert "Embargoed call" in page
    assert "through a preview link that stops working on" in page
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    download = f"{document.get_absolute_url()}?preview={link.token}"
    assert f'href="{download}"' in page
    assert visitor.get(download).status_code == 200


def test_the_application_form_is_public_while_the_opportunity_is(visitor):
    document = DocumentFactory(title="Application form")
    call = OpportunityFactory(apply_document=document, apply_url="")
    page = _page(visitor, call.get_absolute_url())
    assert "Application form" in page
    assert "(PDF" in page
    assert visitor.get(document.get_absolute_url()).status_code == 200
    Opportunity.objects.filter(pk=call.pk).update(status=Opportunity.Status.DRAFT)
    assert visitor.get(document.get_absolute_url()).status_code == 404


def test_a_scheduled_opportunity_appears_on_time_on_cached_pages(visitor, time_machine):
    time_machine.move_to(london(2027, 2, 1, 8, 0))
    OpportunityFactory(title="Embargoed fellowship", publish_at=london(2027, 2, 1, 9, 0),
                       opens_at=london(2027, 2, 1, 9, 0), closes_at=london(2027, 3, 1))  # fmt: skip
    for _ in range(2):
        assert "Embargoed fellowship" not in _page(visitor, LIST)
    time_machine.move_to(london(2027, 2, 1, 9, 0, 1))
    assert "Embargoed fellowship" in _page(visitor, LIST)
