"""The page tree: addresses, moves, bad input, the workflow it shares with articles, who may
edit which page, the main navigation, search, sitemap, query counts and the page cache."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from pages.models import Page

from . import pages
from .conftest import _staff
from .factories import OrganisationFactory, PageFactory
from .test_public_pages import _count_queries

pytestmark = pytest.mark.django_db

ADD = "/admin/pages/page/add/"
LIST = "/admin/pages/page/"


def change_url(page):
    return f"/admin/pages/page/{page.pk}/change/"


def open_form(client, page):
    response = client.get(change_url(page))
    assert response.status_code == 200
    return pages.form(response, field="title")


def save(client, page, **values):
    return open_form(client, page).submit(client, button="_save", **values)


@pytest.fixture
def tree():
    about = PageFactory(title="About us", slug="about", menu_title="About",
                        show_in_navigation=True, menu_order=10)  # fmt: skip
    centre = PageFactory(title="Rapid Evaluation Centre", slug="evaluation-centre", parent=about,
                         summary="Evaluating new services quickly.", menu_order=1)  # fmt: skip
    trials = PageFactory(title="Clinical trials", slug="clinical-trials", parent=about,
                         summary="Studies across the partners.", menu_order=2)  # fmt: skip
    team = PageFactory(title="The team", slug="team", parent=centre)
    draft = PageFactory(title="Secret plans", slug="secret", parent=about, status="draft")
    return {"about": about, "centre": centre, "trials": trials, "team": team, "draft": draft}


def text(response):
    return response.content.decode()


# Addresses, sections and breadcrumbs -------------------------------------------------------


def test_pages_are_at_the_address_their_place_in_the_tree_gives(client, tree):
    assert tree["team"].get_absolute_url() == "/about/evaluation-centre/team/"
    response = client.get("/about/evaluation-centre/")
    assert response.status_code == 200
    page = text(response)
    assert "<h1>Rapid Evaluation Centre</h1>" in page
    # Breadcrumbs: every page above it, linked, then this one.
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', page, re.S).group()
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/", "/about/"]
    assert '<span aria-current="page">Rapid Evaluation Centre</span>' in crumbs
    assert '"@type": "BreadcrumbList"' in page
    assert '"@type": "WebPage"' in page


def test_a_section_lists_its_live_children_in_menu_order(client, tree):
    page = text(client.get("/about/"))
    section = re.search(r"In this section</h2>(.*?)</section>", page, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">', section) == [
        "/about/evaluation-centre/",
        "/about/clinical-trials/",
    ]
    assert "Evaluating new services quickly." in section
    assert "Secret plans" not in page
    # A page without live children has no such list.
    assert "In this section" not in text(client.get("/about/clinical-trials/"))


def test_linked_members_are_shown(client):
    trust = OrganisationFactory(name="Example Trust")
    page = PageFactory(slug="partners", organisations=[trust])
    assert f'href="{trust.get_absolute_url()}">Example Trust</a>' in text(
        client.get(page.get_absolute_url())
    )


@pytest.mark.parametrize(
    "address",
    [
        "/about/secret/",  # a draft
        "/about/nothing-here/",
        "/about/evaluation-centre/team/more/",
        "/about/%00/",
        "/about/" + "a" * 10_000 + "/",
        "/about/../news/",
        "/page-preview/forged-token/",
    ],
)
def test_anything_not_public_is_not_found(client, tree, address):
    assert client.get(address).status_code == 404


def test_scheduled_expired_and_hidden_pages_are_not_found(client, tree):
    now = timezone.now()
    scheduled = PageFactory(slug="soon", publish_at=now + timedelta(hours=1))
    expired = PageFactory(slug="gone", unpublish_at=now - timedelta(minutes=1),
                          publish_at=now - timedelta(days=2))  # fmt: skip
    for page in (scheduled, expired):
        assert client.get(page.get_absolute_url()).status_code == 404
    # A section taken back to draft takes every page below it away from the public.
    Page.objects.filter(pk=tree["about"].pk).update(status="draft")
    assert client.get("/about/evaluation-centre/team/").status_code == 404
    assert not Page.objects.live().filter(pk=tree["team"].pk).exists()


def test_staff_see_a_draft_at_its_address_marked_and_never_cached(comms_client, tree):
    response = comms_client.get("/about/secret/")
    assert response.status_code == 200
    assert "Not public yet." in text(response)
    assert "This page is a draft." in text(response)
    assert "no-store" in response.headers["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in text(response)


# Moves and renames ---------------------------------------------------------------------


def test_renaming_a_section_keeps_every_old_address_below_it_working(
    admin_client_in_group, client, tree
):
    response = save(admin_client_in_group, tree["about"], slug="about-us")
    assert response.status_code == 302
    tree["team"].refresh_from_db()
    assert tree["team"].get_absolute_url() == "/about-us/evaluation-centre/team/"
    for old, new in [
        ("/about/", "/about-us/"),
        ("/about/evaluation-centre/", "/about-us/evaluation-centre/"),
        ("/about/evaluation-centre/team/", "/about-us/evaluation-centre/team/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
        assert client.get(new).status_code == 200
    # The draft's address was never public, so nothing is kept for it.
    assert client.get("/about/secret/").status_code == 404


def test_moving_a_page_to_another_section_moves_its_subpages(admin_client_in_group, client, tree):
    response = save(admin_client_in_group, tree["centre"], parent=str(tree["trials"].pk))
    assert response.status_code == 302
    assert client.get("/about/clinical-trials/evaluation-centre/team/").status_code == 200
    moved = client.get("/about/evaluation-centre/team/")
    assert moved.status_code == 301
    assert moved["Location"] == "/about/clinical-trials/evaluation-centre/team/"


# Bad input, through the admin form ----------------------------------------------------------


def test_a_page_cannot_be_put_inside_itself_or_its_own_subpage(admin_client_in_group, tree):
    for parent in (tree["about"], tree["team"]):
        response = save(admin_client_in_group, tree["about"], parent=str(parent.pk))
        assert response.status_code == 200
        assert pages.errors(response)["parent"] == [
            "A page cannot be inside itself or one of its own subpages: choose a parent "
            "outside this part of the tree."
        ]
    tree["about"].refresh_from_db()
    assert (tree["about"].parent, tree["about"].path) == (None, "about")
    assert Page.objects.get(pk=tree["team"].pk).path == "about/evaluation-centre/team"


def test_two_pages_cannot_share_an_address(admin_client_in_group, tree):
    response = save(admin_client_in_group, tree["trials"], slug="evaluation-centre")
    assert pages.errors(response)["slug"] == [
        "There is already a page at /about/evaluation-centre/: choose another slug or parent."
    ]
    form = pages.form(admin_client_in_group.get(ADD), field="title")
    response = form.submit(admin_client_in_group, button="_save", title="About again",
                           slug="about", summary="Twice.", status="draft")  # fmt: skip
    assert "There is already a page at /about/" in pages.errors(response)["slug"][0]
    assert Page.objects.count() == 5


@pytest.mark.parametrize("slug", ["news", "admin", "search", "members", "strategy", "health"])
def test_an_address_another_part_of_the_site_answers_is_refused(admin_client_in_group, slug):
    form = pages.form(admin_client_in_group.get(ADD), field="title")
    response = form.submit(admin_client_in_group, button="_save", title="Clash", slug=slug,
                           summary="A clash.", status="draft")  # fmt: skip
    assert pages.errors(response)["slug"] == [
        f"The address /{slug}/ belongs to another part of the site: choose another slug."
    ]
    assert not Page.objects.exists()


def test_a_move_that_would_make_a_subpage_clash_saves_nothing(admin_client_in_group, tree):
    # /page-preview/ itself is free, but /page-preview/<anything>/ is a preview link.
    response = save(admin_client_in_group, tree["about"], slug="page-preview")
    assert pages.errors(response)["slug"] == [
        f"The address /page-preview/{slug}/ belongs to another part of the site: "
        "choose another slug."
        for slug in ("clinical-trials", "evaluation-centre", "secret")
    ]
    assert sorted(Page.objects.values_list("path", flat=True)) == [
        "about",
        "about/clinical-trials",
        "about/evaluation-centre",
        "about/evaluation-centre/team",
        "about/secret",
    ]


# The workflow articles have ------------------------------------------------------------


def test_a_page_cannot_be_published_with_problems(admin_client_in_group):
    form = pages.form(admin_client_in_group.get(ADD), field="title")
    response = form.submit(admin_client_in_group, button="_save", title="Thin", slug="thin",
                           summary="", status="published",
                           body='<p><a href="https://example.org">here</a></p>')  # fmt: skip
    errors = pages.errors(response)
    assert errors["summary"] == ["Write a summary: listings and search results show it."]
    assert "Link 1 says “here”" in errors["body"][0]
    assert not Page.objects.exists()


def test_a_scheduled_page_appears_and_goes_on_time(client, time_machine):
    time_machine.move_to(timezone.now())
    about = PageFactory(slug="about")
    PageFactory(title="Coming soon", slug="soon", parent=about,
                publish_at=timezone.now() + timedelta(hours=2),
                unpublish_at=timezone.now() + timedelta(hours=4))  # fmt: skip
    assert b"Coming soon" not in client.get("/about/").content
    assert client.get("/about/soon/").status_code == 404
    time_machine.shift(timedelta(hours=2, seconds=1))
    assert b"Coming soon" in client.get("/about/").content
    assert client.get("/about/soon/").status_code == 200
    time_machine.shift(timedelta(hours=2))
    assert b"Coming soon" not in client.get("/about/").content
    assert client.get("/about/soon/").status_code == 404


def test_save_and_preview_and_a_preview_link_for_a_reviewer(admin_client_in_group, client, tree):
    response = open_form(admin_client_in_group, tree["draft"]).submit(
        admin_client_in_group, button="_preview"
    )
    assert response["Location"] == "/about/secret/"
    form = open_form(admin_client_in_group, tree["draft"])
    form.add_row("share_links")
    assert form.submit(admin_client_in_group, button="_continue").status_code == 302
    link = tree["draft"].share_links.get()
    shared = client.get(link.get_absolute_url())
    assert shared.status_code == 200
    assert "You are seeing it through a preview link" in text(shared)
    assert shared["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in shared["Cache-Control"]
    # Revoking it (deleting the row) stops it working.
    form = open_form(admin_client_in_group, tree["draft"])
    assert form.submit(admin_client_in_group, button="_save",
                       **{"share_links-0-DELETE": "on"}).status_code == 302  # fmt: skip
    assert client.get(link.get_absolute_url()).status_code == 404


def test_restoring_an_earlier_version_of_a_page(admin_client_in_group, client, tree):
    save(admin_client_in_group, tree["trials"], title="Trials, first")
    save(admin_client_in_group, tree["trials"], title="Trials, second")
    first = Version.objects.get_for_object(tree["trials"])[1]
    url = f"/admin/pages/page/{tree['trials'].pk}/history/{first.pk}/"
    assert f'href="{url}"' in text(
        admin_client_in_group.get(change_url(tree["trials"])[:-7] + "history/")
    )
    form = pages.form(admin_client_in_group.get(url), field="title")
    assert form.value("title") == "Trials, first"
    assert form.submit(admin_client_in_group, button="_save").status_code == 302
    assert b"Trials, first" in client.get("/about/").content


def test_restoring_a_version_from_before_a_rename_moves_the_section_back(
    admin_client_in_group, client, tree
):
    save(admin_client_in_group, tree["about"], summary="Before the rename.")
    before = Version.objects.get_for_object(tree["about"]).first()
    save(admin_client_in_group, tree["about"], slug="about-us")
    assert client.get("/about-us/evaluation-centre/team/").status_code == 200

    url = f"/admin/pages/page/{tree['about'].pk}/history/{before.pk}/"
    form = pages.form(admin_client_in_group.get(url), field="title")
    assert form.value("slug") == "about"
    assert form.submit(admin_client_in_group, button="_save").status_code == 302

    assert client.get("/about/evaluation-centre/team/").status_code == 200
    moved = client.get("/about-us/evaluation-centre/team/")
    assert (moved.status_code, moved["Location"]) == (301, "/about/evaluation-centre/team/")


def test_a_second_save_from_an_older_form_is_refused(admin_client_in_group, django_user_model):
    page = PageFactory(title="Kept")
    other = Client()
    other.force_login(_staff(django_user_model, "second-administrator", "Administrators"))
    first, second = open_form(admin_client_in_group, page), open_form(other, page)
    assert first.submit(admin_client_in_group, button="_save", title="Theirs").status_code == 302
    response = second.submit(other, button="_save", title="Mine")
    assert "your changes were not saved" in text(response)
    page.refresh_from_db()
    assert page.title == "Theirs"


# Who may edit which page -----------------------------------------------------------------


@pytest.fixture
def locked():
    return PageFactory(title="Governance", slug="governance", communications_may_edit=False)


def test_communications_cannot_change_a_page_they_are_not_allowed(comms_client, locked, client):
    response = comms_client.get(change_url(locked))
    assert response.status_code == 200  # they may read it
    assert 'name="_save"' not in text(response)
    forged = comms_client.post(
        change_url(locked), {"title": "Hijacked", "slug": "governance", "summary": "x"}
    )
    assert forged.status_code == 403
    assert (
        comms_client.post(f"/admin/pages/page/{locked.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    # Nor through the list's actions.
    listing = pages.form(comms_client.get(LIST), field="action")
    listing.submit(comms_client, action="unpublish", _selected_action=[str(locked.pk)])
    locked.refresh_from_db()
    assert (locked.title, locked.status) == ("Governance", "published")


def test_communications_edit_pages_they_are_allowed_but_not_the_permission(comms_client, tree):
    form = open_form(comms_client, tree["trials"])
    assert "communications_may_edit" not in form.names
    response = comms_client.post(
        change_url(tree["trials"]),
        form.data(button="_save") | {"title": "Trials", "communications_may_edit": ""},
    )
    assert response.status_code == 302
    tree["trials"].refresh_from_db()
    assert tree["trials"].title == "Trials"
    assert tree["trials"].communications_may_edit is True


def test_a_page_communications_add_stays_theirs_to_edit(comms_client):
    form = pages.form(comms_client.get(ADD), field="title")
    response = form.submit(comms_client, button="_save", title="Public involvement",
                           slug="public-involvement", summary="Working with patients.",
                           status="draft")  # fmt: skip
    assert response.status_code == 302
    assert Page.objects.get().communications_may_edit is True


def test_administrators_edit_every_page(admin_client_in_group, locked):
    assert save(admin_client_in_group, locked, title="Our governance").status_code == 302
    assert "communications_may_edit" in open_form(admin_client_in_group, locked).names


def test_the_admin_list_shows_the_tree_in_order_with_depth(admin_client_in_group, tree):
    page = text(admin_client_in_group.get(LIST))
    titles = re.findall(r'<th class="field-tree_title"><a [^>]*>(.*?)</a>', page)
    assert titles == [
        "About us",
        "— Clinical trials",
        "— Rapid Evaluation Centre",
        "— — The team",
        "— Secret plans",
    ]
    found = admin_client_in_group.get(LIST, {"q": "evaluation"})
    assert "Rapid Evaluation Centre" in text(found)
    assert "Clinical trials" not in text(found)


# Navigation, search and the sitemap --------------------------------------------------------


def main_navigation(response):
    nav = re.search(r'<nav class="site-nav" aria-label="Main">(.*?)</nav>', text(response), re.S)
    return re.findall(r'<a href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>', nav.group(1))


def test_the_main_navigation_offers_flagged_pages_among_the_sections(client, tree):
    PageFactory(title="Hidden", slug="hidden", show_in_navigation=False)
    PageFactory(title="Draft", slug="draft-nav", show_in_navigation=True, status="draft")
    links = main_navigation(client.get("/about/evaluation-centre/"))
    labels = [label for _, _, label in links]
    # People and Contact appear once their apps are installed (their URL names exist).
    assert labels[:2] == ["About", "News"]
    assert "Research" in labels
    assert "Hidden" not in labels
    assert "Draft" not in labels
    assert ("/about/", "true", "About") in links
    assert ("/news/", "", "News") in links
    assert ("/about/", "page", "About") in main_navigation(client.get("/about/"))
    assert ("/news/", "page", "News") in main_navigation(client.get("/news/"))


def test_the_navigation_leaves_out_a_section_the_site_does_not_have(client, settings, tree):
    settings.MAIN_NAVIGATION_SECTIONS = [("Contact", "contact:no-such-route", 5),
                                         ("News", "news:article-list", 20)]  # fmt: skip
    assert [label for _, _, label in main_navigation(client.get("/"))] == ["About", "News"]


def test_the_navigation_changes_the_moment_a_page_does(client, tree, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert "About" in [label for *_, label in main_navigation(client.get("/news/"))]
    PageFactory(title="Working with industry", menu_title="Industry", slug="industry",
                show_in_navigation=True, menu_order=50)  # fmt: skip
    labels = [label for *_, label in main_navigation(client.get("/news/"))]
    assert labels[:3] == ["About", "Industry", "News"]


def test_a_page_shows_its_change_to_visitors_at_once(client, admin_client_in_group, tree, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/about/").headers.get("X-Page-Cache") == "miss"
    assert client.get("/about/").headers.get("X-Page-Cache") == "hit"
    save(admin_client_in_group, tree["trials"], summary="Nearly 98,000 patients.")
    fresh = client.get("/about/")
    assert fresh.headers.get("X-Page-Cache") == "miss"
    assert "Nearly 98,000 patients." in text(fresh)


def test_live_pages_are_found_by_the_site_search_and_in_the_sitemap(client, tree):
    results = text(client.get("/search/", {"q": "evaluation"}))
    assert '<h2 id="group-' in results
    group = re.search(r">Pages</h2>(.*?)</section>", results, re.S).group(1)
    assert 'href="/about/evaluation-centre/"' in group
    assert "Secret plans" not in text(client.get("/search/", {"q": "secret"}))
    sitemap = text(client.get("/sitemap.xml"))
    assert "/about/evaluation-centre/team/</loc>" in sitemap
    assert "/about/secret/" not in sitemap


# Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("children", [3, 50])
def test_a_section_page_query_count_does_not_grow_with_its_children(client, children):
    about = PageFactory(slug="about", organisations=[OrganisationFactory()])
    PageFactory.create_batch(children, parent=about, organisations=[OrganisationFactory()])
    child = about.children.first()
    PageFactory.create_batch(children, parent=child)
    # The page, its members, themes and priorities, its live children, the navigation's
    # pages; below the top, its ancestors too.
    assert _count_queries(client, "/about/") == 6
    cache.clear()
    assert _count_queries(client, child.get_absolute_url()) == 7


def test_a_warm_page_asks_the_database_nothing(client, tree, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # only the kept parts, not the whole page
    client.get("/about/evaluation-centre/")
    with django_assert_num_queries(0):
        assert client.get("/about/evaluation-centre/").status_code == 200


def test_the_roles_migration_gives_communications_pages_but_not_every_page():
    communications = Group.objects.get(name="Communications")
    granted = set(communications.permissions.values_list("codename", flat=True))
    assert {"add_page", "change_page", "publish_page", "add_sharelink"} <= granted
    assert "change_every_page" not in granted
    assert "delete_page" not in granted
    administrators = Group.objects.get(name="Administrators")
    assert administrators.permissions.filter(codename="change_every_page").exists()


def test_the_demo_pages_load_once_with_about_in_the_navigation(client):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert Page.objects.count() == 6
    assert ("/about/", "page", "About") in main_navigation(client.get("/about/"))
    page = text(client.get("/about/clinical-trials/"))
    assert "almost 98,000 patients" in page
    assert "1,475" in page
