"""Junk in addresses, forged admin posts and guessed addresses: each gets a calm answer.

Every row says what a person should get back. None may be a server error, and nothing
already saved may change.
"""

import re
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from bhp.models import User
from core.inlines import BoundedInlineFormSet
from members.models import Organisation
from news.models import Article, ShareLink
from strategy.models import StrategyPage

from . import pages
from .admin_forms import article_form
from .factories import (
    ArticleFactory,
    KeyStatisticFactory,
    OrganisationFactory,
    PriorityFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

NUL = "%00"
LONG = "a" * 10_000
LONG_JUNK = quote("<>\"'%;" * 1_700)  # 10,200 characters of markup and punctuation


@pytest.fixture
def site():
    member = OrganisationFactory(slug="uhb")
    ArticleFactory(slug="live", organisations=[member], themes=[ThemeFactory(slug="trials")],
                   priorities=[PriorityFactory(slug="maternal")], tags=["Research"])  # fmt: skip
    ArticleFactory(slug="draft", status=Article.Status.DRAFT)


# (address, the status a visitor gets). 200s still show the page, with the junk ignored
# and explained; 400 and 404 are the site's own pages.
PUBLIC_JUNK = [
    (f"/news/?tag={NUL}", 200),
    (f"/news/?member={NUL}", 200),
    (f"/news/?member={LONG}", 200),
    (f"/news/?theme={LONG_JUNK}", 200),
    (f"/news/?priority=maternal{NUL}", 200),
    (f"/news/?year={NUL}", 200),
    (f"/news/?year={LONG}", 200),
    ("/news/?year=99999999999999999999999", 200),
    ("/news/?year=-1", 200),
    (f"/news/?member=uhb&member={NUL}&year=2020&year={LONG}", 200),
    (f"/news/?page={NUL}", 404),
    (f"/news/?page={LONG}", 404),
    ("/news/?page=-1", 404),
    ("/news/?page=99999999999999999999999", 404),
    (f"/news/?{LONG}={LONG}", 200),
    (f"/news/{NUL}/", 404),
    (f"/news/{LONG}/", 404),
    (f"/news/{LONG_JUNK}/", 404),
    (f"/news/tags/{NUL}/", 404),
    (f"/news/tags/{LONG}/", 404),
    (f"/news/preview/{NUL}/", 404),
    (f"/news/preview/{LONG}/", 404),
    (f"/members/{NUL}/", 404),
    (f"/members/{LONG}/", 404),
    (f"/themes/{LONG}/", 404),
    (f"/priorities/{NUL}/", 404),
    (f"/?{NUL}={NUL}", 200),
    (f"/search/?q={NUL}", 200),
    (f"/search/?q={LONG}", 200),
    (f"/search/?q={LONG_JUNK}", 200),
    (f"/search/?q=trust&member={NUL}&page={LONG}", 404),
    ("/search/?q=%22%27%3C%3E%20OR%201%3D1%20--", 200),
    (f"/news/feed/member/{NUL}/", 404),
    (f"/news/feed/member/{LONG}/atom/", 404),
    ("/documents/99999999999999999999999/", 404),
    (f"/documents/{NUL}/", 404),
    (f"/people/{NUL}/", 404),
    (f"/people/{LONG}/", 404),
    (f"/people/?past={NUL}", 200),
    (f"/people/?past={LONG_JUNK}", 200),
    (f"/publications/?kind={NUL}", 200),
    (f"/publications/?theme={LONG_JUNK}", 200),
    (f"/publications/?year={LONG}", 200),
    ("/publications/?year=99999999999999999999999", 200),
    (f"/publications/?page={LONG}", 404),
    (f"/publications/{NUL}/", 404),
    (f"/publications/{LONG}/", 404),
    (f"/publications/{LONG}/cite.bib", 404),
    (f"/publications/preview/{LONG}/", 404),
    (f"/contact/?topic={NUL}", 200),
    (f"/contact/?topic={LONG_JUNK}", 200),
    (f"/contact/sent/{NUL}/", 404),
    (f"/contact/sent/{LONG}/", 404),
    ("/contact/sent/1/", 404),
    (f"/press/?{LONG}={LONG}", 200),
    (f"/opportunities/?kind={NUL}", 404),
    (f"/opportunities/?kind={LONG_JUNK}", 404),
    (f"/opportunities/closed/?kind={LONG}", 404),
    (f"/opportunities/?page={NUL}", 404),
    ("/opportunities/?page=99999999999999999999999", 404),
    (f"/opportunities/{NUL}/", 404),
    (f"/opportunities/{LONG}/", 404),
    (f"/opportunities/preview/{LONG}/", 404),
    (f"/opportunities/feed/?{LONG}={LONG}", 200),
    (f"/events/?theme={NUL}", 200),
    (f"/events/?member={LONG_JUNK}", 200),
    (f"/events/past/?member={NUL}&theme={LONG}", 200),
    (f"/events/?page={NUL}", 404),
    ("/events/?page=99999999999999999999999", 404),
    (f"/events/{NUL}/", 404),
    (f"/events/{LONG}/", 404),
    (f"/events/{LONG}/event.ics", 404),
    (f"/events/preview/{LONG}/", 404),
    (f"/events/calendar/member/{NUL}.ics", 404),
    (f"/events/calendar/theme/{LONG}.ics", 404),
]


@pytest.mark.parametrize(("address", "status"), PUBLIC_JUNK, ids=lambda v: str(v)[:40])
def test_junk_in_public_addresses_gets_a_calm_answer(client, site, address, status):
    response = client.get(address)
    assert response.status_code == status
    assert "Birmingham Health Partners" in response.content.decode()  # the site's own page


# (admin address, what staff see). Django's admin answers bad filters by redirecting with
# ?e=1 ("unknown filter") rather than showing a list that ignores them.
ADMIN_JUNK = [
    (f"/admin/news/article/?q={NUL}", 200),
    (f"/admin/news/article/?q={LONG}", 200),
    (f"/admin/news/article/?q={LONG_JUNK}", 200),
    (f"/admin/news/article/?state={NUL}", 200),
    (f"/admin/news/article/?tags__id__exact={NUL}", 302),
    (f"/admin/news/article/?publish_at__year={NUL}", 302),
    ("/admin/news/article/?publish_at__year=99999999999&publish_at__month=1", 302),
    (f"/admin/news/article/?o={NUL}", 200),
    (f"/admin/news/article/?p={LONG}", 200),
    (f"/admin/news/article/?{LONG}=1", 302),
    (f"/admin/members/organisation/?q={NUL}", 200),
    (f"/admin/news/article/{NUL}/change/", 302),
    (f"/admin/news/article/{LONG}/change/", 302),
    (f"/admin/members/organisation/{LONG}/change/", 302),
    (f"/admin/people/person/?q={NUL}", 200),
    (f"/admin/people/person/?role={NUL}", 200),
    (f"/admin/people/person/{LONG}/change/", 302),
    (f"/admin/opportunities/opportunity/?q={NUL}", 200),
    (f"/admin/opportunities/opportunity/?open={NUL}", 200),
    (f"/admin/opportunities/opportunity/?closes_at__year={NUL}", 302),
    (f"/admin/opportunities/opportunity/{LONG}/change/", 302),
    (f"/admin/events/event/?q={NUL}", 200),
    (f"/admin/events/event/?when={NUL}", 200),
    (f"/admin/events/event/?starts_at__year={NUL}", 302),
    (f"/admin/events/event/{LONG}/change/", 302),
    (f"/admin/publications/publication/?q={NUL}", 200),
    (f"/admin/publications/publication/{LONG}/change/", 302),
]


@pytest.mark.parametrize(("address", "status"), ADMIN_JUNK, ids=lambda v: str(v)[:40])
def test_junk_in_admin_addresses_gets_a_calm_answer(admin_client, site, address, status):
    assert admin_client.get(address).status_code == status


def organisation_form(organisation, **overrides):
    return {
        "name": organisation.name, "slug": organisation.slug, "kind": organisation.kind,
        "summary": organisation.summary, "is_member": "on", "joined_on": "01/02/2022",
        "short_name": "", "other_names": "", "description": "", "website": "",
        "logo_alt": "", **overrides,
    }  # fmt: skip


def writer(django_user_model):
    """Staff who may write articles but not publish them: less than Communications."""
    user = django_user_model.objects.create_user(username="writer", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
    )
    return user


# (who, address, form data, status) for posts that must change nothing.
def forged_posts(article, organisation, admin_user):
    change_article = reverse("admin:news_article_change", args=[article.pk])
    return [
        ("comms", reverse("admin:members_organisation_add"),
         organisation_form(Organisation(name="Forged", slug="forged", summary="x")), 403),
        ("comms", reverse("admin:members_organisation_change", args=[organisation.pk]),
         organisation_form(organisation, name="Renamed by comms"), 403),
        ("comms", reverse("admin:members_organisation_delete", args=[organisation.pk]),
         {"post": "yes"}, 403),
        ("comms", reverse("admin:strategy_strategypage_change", args=[1]),
         {"introduction": "<p>Forged</p>"}, 403),
        ("comms", reverse("admin:bhp_user_change", args=[admin_user.pk]), {"is_superuser": "on"},
         403),
        ("comms", reverse("admin:news_article_changelist"),
         {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"}, 302),
        ("writer", reverse("admin:news_article_changelist"),
         {"action": "publish", "_selected_action": [article.pk]}, 200),
        ("writer", change_article, article_form(slug=article.slug, status="published"), 302),
        ("writer", change_article,
         article_form(slug=article.slug, status="draft", created_by="1", updated_by="1"), 302),
    ]  # fmt: skip


@pytest.mark.parametrize("case", range(9))  # a row of forged_posts(), which needs objects
def test_forged_admin_posts_change_nothing_they_may_not(
    client, comms_user, admin_user, django_user_model, case
):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=None)
    organisation = OrganisationFactory()
    StrategyPage(introduction="<p>Ours.</p>").save()
    users = {"comms": comms_user, "writer": writer(django_user_model)}
    who, address, data, status = forged_posts(article, organisation, admin_user)[case]
    before = {
        "organisations": list(Organisation.objects.values()),
        "strategy": list(StrategyPage.objects.values("introduction")),
        "admin": admin_user.is_superuser,
        "comms": comms_user.is_superuser,
    }
    client.force_login(users[who])

    response = client.post(address, data)

    assert response.status_code == status
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.created_by is None
    comms_user.refresh_from_db()
    assert before == {
        "organisations": list(Organisation.objects.values()),
        "strategy": list(StrategyPage.objects.values("introduction")),
        "admin": admin_user.is_superuser,
        "comms": comms_user.is_superuser,
    }


# (what staff typed, the field that explains what is wrong).
BAD_ARTICLE_FORMS = [
    ({"title": LONG}, "title"),
    ({"title": "Trust\x00joins"}, "title"),
    ({"slug": "has spaces/and/slashes"}, "slug"),
    ({"slug": "../../etc/passwd"}, "slug"),
    ({"slug": LONG}, "slug"),
    ({"summary": "x" * 301}, "summary"),
    ({"publish_at_0": "\x00"}, "publish_at"),
    ({"publish_at_0": "31/02/2025"}, "publish_at"),
    ({"tags": "\x00"}, "tags"),
    ({"tags": "<>, !!"}, "tags"),
    ({"organisations": ["999999"]}, "organisations"),
    ({"organisations": ["not-a-number"]}, "organisations"),
    pytest.param(
        {"organisations": ["99999999999999999999999"]},
        "organisations",
        # Django's choice field looks such a number up in the database, and SQLite (for
        # development only) cannot take it; PostgreSQL answers with the form's error.
        marks=pytest.mark.postgres,
    ),
    ({"themes": [NUL]}, "themes"),
    ({"related_articles": ["-1", LONG]}, "related_articles"),
    ({"status": "<script>"}, "status"),
]


@pytest.mark.parametrize(("typed", "field"), BAD_ARTICLE_FORMS, ids=lambda v: repr(v)[:40])
def test_bad_admin_input_is_explained_and_saves_nothing(comms_client, typed, field):
    existing = ArticleFactory(title="Kept as it was", slug="kept")
    change = reverse("admin:news_article_change", args=[existing.pk])
    for address, data in [
        (reverse("admin:news_article_add"), article_form(**typed)),
        (change, article_form(**{"slug": "kept", **typed})),
    ]:
        response = comms_client.post(address, data)
        assert response.status_code == 200
        assert field in pages.errors(response)
    assert list(Article.objects.values_list("title", flat=True)) == ["Kept as it was"]


def test_a_post_without_its_csrf_token_is_refused(comms_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(comms_user)
    response = client.post(reverse("admin:news_article_add"), article_form())
    assert response.status_code == 403
    assert not Article.objects.exists()


@pytest.fixture
def unpublished(admin_user):
    """A draft, a scheduled article, and share links: valid, expired and revoked."""
    draft = ArticleFactory(slug="secret-draft", status=Article.Status.DRAFT)
    scheduled = ArticleFactory(slug="embargoed", publish_at=timezone.now() + timedelta(days=2))
    expired = ShareLink.objects.create(article=draft, expires_at=timezone.now() - timedelta(1))
    revoked = ShareLink.objects.create(article=draft)
    revoked_url = revoked.get_absolute_url()
    revoked.delete()
    valid = ShareLink.objects.create(article=scheduled)
    return {
        "draft": draft.get_absolute_url(),
        "scheduled": scheduled.get_absolute_url(),
        "expired link": expired.get_absolute_url(),
        "revoked link": revoked_url,
        "tampered link": valid.get_absolute_url().replace("/preview/", "/preview/x"),
        "draft's history": reverse("admin:news_article_history", args=[draft.pk]),
        "another user's history": reverse("admin:bhp_user_history", args=[admin_user.pk]),
        "another user's account": reverse("admin:bhp_user_change", args=[admin_user.pk]),
    }


# (who guesses, what, what they get).
GUESSES = [
    ("visitor", "draft", 404),
    ("visitor", "scheduled", 404),
    ("visitor", "expired link", 404),
    ("visitor", "revoked link", 404),
    ("visitor", "tampered link", 404),
    ("visitor", "draft's history", 302),  # to the sign-in page
    ("visitor", "another user's history", 302),
    ("staff without news rights", "draft", 404),
    ("staff without news rights", "scheduled", 404),
    ("staff without news rights", "draft's history", 403),
    ("comms", "another user's history", 403),
    ("comms", "another user's account", 403),
    ("comms", "expired link", 404),
]


@pytest.mark.parametrize(("who", "what", "status"), GUESSES, ids=lambda v: str(v))
def test_guessing_an_address_reveals_nothing(
    client, unpublished, admin_user, comms_user, django_user_model, who, what, status
):
    if who == "comms":
        client.force_login(comms_user)
    elif who != "visitor":
        client.force_login(django_user_model.objects.create_user(username="x", is_staff=True))
    response = client.get(unpublished[what])
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("admin:login"))


# A formset's management form says how many rows follow; Django builds that many forms
# (up to a thousand more than the formset's maximum) before it refuses too many.
FORGED_ROW_COUNTS = ["100000", "2001", "99999999999999999999", "-1", "many", ""]


def _inline_pages():
    """(staff client fixture, change address, formset prefix, saved row's model) per inline."""
    article = ArticleFactory(title="Kept as it was")
    ShareLink.objects.create(article=article)
    priority = PriorityFactory(title="Kept as it was")
    KeyStatisticFactory(priority=priority)
    return [
        ("comms_client", reverse("admin:news_article_change", args=[article.pk]), "share_links",
         article),
        ("admin_client", reverse("admin:strategy_priority_change", args=[priority.pk]),
         "statistics", priority),
    ]  # fmt: skip


@pytest.mark.parametrize("rows", FORGED_ROW_COUNTS)
@pytest.mark.parametrize("inline", [0, 1], ids=["article share links", "priority statistics"])
def test_a_forged_count_of_inline_rows_is_refused_at_once_and_saves_nothing(request, inline, rows):
    who, address, prefix, saved = _inline_pages()[inline]
    staff = request.getfixturevalue(who)
    before = list(type(saved).objects.values_list("title", flat=True))
    related = getattr(saved, prefix)
    rows_before = list(related.values_list("pk", flat=True))
    form = pages.form(staff.get(address), field="title")

    started = time.monotonic()
    response = form.submit(
        staff, button="_save", title="Changed", **{f"{prefix}-TOTAL_FORMS": rows}
    )
    took = time.monotonic() - started

    assert response.status_code == 200  # the form again, with what was typed, explained
    page = response.content.decode()
    assert 'value="Changed"' in page
    assert "Please correct the error" in page or "ManagementForm data is missing" in page
    if rows.isdigit():
        assert "At most 50 rows can be added in one save" in page
        shown = set(re.findall(rf'name="{prefix}-(\d+)-', page))
        assert len(shown) <= 1 + 50  # the saved row and the new ones allowed, not thousands
    elif rows.startswith("-"):
        assert "did not send every row it showed" in page
    assert took < 2, f"{took:.1f} s to refuse {rows} rows"
    assert list(type(saved).objects.values_list("title", flat=True)) == before
    assert list(related.values_list("pk", flat=True)) == rows_before


def test_every_admin_inline_refuses_a_forged_count_of_rows():
    """Including third-party admins' inlines (taggit's tagged items): each uses the
    project's formset, so none builds thousands of forms for a forged count."""
    superuser = RequestFactory().post("/")
    superuser.user = User(is_superuser=True, is_staff=True, is_active=True)
    inlines = [
        inline
        for model_admin in admin.site._registry.values()
        # Inlines of what nobody may change (two-factor devices) are never posted.
        if model_admin.has_change_permission(superuser)
        for inline in model_admin.inlines
    ]
    assert len(inlines) >= 3
    for inline in inlines:
        assert issubclass(inline.formset, BoundedInlineFormSet), inline
