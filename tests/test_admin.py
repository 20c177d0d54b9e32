from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reversion.models import Version

from members.models import Organisation
from news.models import Article
from strategy.models import Goal, StrategyPage

from . import pages
from .admin_forms import article_form, png
from .factories import (
    ArticleFactory,
    GoalFactory,
    OrganisationFactory,
    PriorityFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_roles_exist_with_the_right_permissions():
    comms = Group.objects.get(name="Communications")
    perms = set(comms.permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "publish_article", "add_tag"} <= perms
    assert {"view_organisation", "view_goal", "view_priority", "view_strategypage"} <= perms
    assert not perms & {"add_organisation", "change_organisation", "change_goal", "add_user"}
    admins = set(
        Group.objects.get(name="Administrators").permissions.values_list("codename", flat=True)
    )
    assert {"add_organisation", "change_goal", "add_user", "delete_article"} <= admins


def test_communications_can_write_and_tag_an_article(comms_client, comms_user):
    uhb = OrganisationFactory()
    theme = ThemeFactory()
    response = comms_client.post(
        "/admin/news/article/add/",
        article_form(organisations=[uhb.pk], themes=[theme.pk], image=png(), image_alt="A ward"),
    )
    assert response.status_code == 302, pages.errors(response)
    article = Article.objects.get(slug="new-trust-joins")
    assert set(article.tags.names()) == {"membership", "nhs"}
    assert list(article.organisations.all()) == [uhb]
    assert article.created_by == comms_user
    assert article.image.name.startswith("news/")
    assert "photo" not in article.image.name  # stored under a generated name
    assert (article.image_width, article.image_height) == (64, 48)


def test_communications_cannot_add_a_member(comms_client):
    refused = comms_client.get("/admin/members/organisation/add/")
    assert refused.status_code == 403
    assert b"Back to the staff area" in refused.content
    response = comms_client.post(
        "/admin/members/organisation/add/",
        {"name": "Sneaky Trust", "slug": "sneaky", "kind": "nhs_trust", "summary": "x"},
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(slug="sneaky").exists()


@pytest.mark.parametrize(
    "url",
    ["/admin/bhp/user/", "/admin/bhp/user/add/", "/admin/auth/group/",
     "/admin/members/organisation/add/", "/admin/strategy/priority/add/",
     "/admin/strategy/strategypage/add/", "/admin/news/article/1/delete/"],
)  # fmt: skip
def test_communications_cannot_manage_staff_members_or_strategy(comms_client, url):
    ArticleFactory(pk=1)
    assert comms_client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("factory", "url", "form"),
    [
        (OrganisationFactory, "/admin/members/organisation/{pk}/change/",
         {"name": "Renamed", "slug": "renamed", "kind": "nhs_trust", "summary": "x"}),
        (PriorityFactory, "/admin/strategy/priority/{pk}/change/",
         {"title": "Renamed", "slug": "renamed", "summary": "x", "order": 0,
          "statistics-TOTAL_FORMS": 0, "statistics-INITIAL_FORMS": 0}),
    ],
)  # fmt: skip
def test_forged_posts_cannot_change_members_or_priorities(comms_client, factory, url, form):
    obj = factory()
    response = comms_client.post(url.format(pk=obj.pk), form)
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.slug != "renamed"


def test_communications_can_view_but_not_change_strategy(comms_client):
    goal = GoalFactory(title="Original goal")
    url = f"/admin/strategy/goal/{goal.pk}/change/"
    assert comms_client.get(url).status_code == 200  # view-only form
    response = comms_client.post(url, {"title": "Changed", "slug": goal.slug, "summary": "x"})
    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.title == "Original goal"
    assert comms_client.get("/admin/strategy/goal/add/").status_code == 403


def test_administrators_can_add_a_member_trust_with_a_logo(admin_client_in_group):
    response = admin_client_in_group.post(
        "/admin/members/organisation/add/",
        {
            "name": "Birmingham Community Healthcare NHS Foundation Trust",
            "short_name": "BCHC",
            "slug": "bchc",
            "kind": "nhs_trust",
            "is_member": "on",
            "joined_on": "01/11/2024",
            "summary": "Community health services.",
            "website": "https://www.bhamcommunity.nhs.uk/",
            "logo": png("bchc.png"),
            "logo_alt": "BCHC logo",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.current_members().filter(slug="bchc").exists()


@pytest.mark.parametrize(
    ("website", "message"),
    [
        ("ftp://example.org/", "starting with http:// or https://"),
        ("javascript:alert(1)", "starting with http:// or https://"),
    ],
)
def test_member_website_must_be_a_web_address(admin_client_in_group, website, message):
    response = admin_client_in_group.post(
        "/admin/members/organisation/add/",
        {"name": "Typed Name Trust", "slug": "typed", "kind": "nhs_trust", "summary": "Typed.",
         "website": website},
    )  # fmt: skip
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Typed Name Trust"' in response.content.decode()  # what was typed is kept
    assert not Organisation.objects.filter(slug="typed").exists()


def test_logo_without_alt_text_is_refused(admin_client_in_group):
    response = admin_client_in_group.post(
        "/admin/members/organisation/add/",
        {"name": "Logo Trust", "slug": "logo", "kind": "nhs_trust", "summary": "x",
         "logo": png()},
    )  # fmt: skip
    assert response.status_code == 200
    assert b"Describe the logo for people who cannot see it." in response.content


def test_duplicate_slug_is_refused_and_the_form_keeps_what_was_typed(comms_client):
    existing = ArticleFactory(slug="new-trust-joins", title="Original")
    response = comms_client.post(
        "/admin/news/article/add/", article_form(summary="My carefully typed summary.")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Article with this Slug already exists." in content
    assert "My carefully typed summary." in content
    existing.refresh_from_db()
    assert existing.title == "Original"
    assert Article.objects.count() == 1


def test_image_without_alt_text_can_be_drafted_but_not_published(comms_client):
    published = article_form(status="published", image=png())
    response = comms_client.post("/admin/news/article/add/", published)
    assert response.status_code == 200
    assert b"Describe the image for people who cannot see it," in response.content
    assert not Article.objects.exists()

    draft = article_form(status="draft", image=png())
    assert comms_client.post("/admin/news/article/add/", draft).status_code == 302


def test_a_file_that_is_not_an_image_is_refused(comms_client):
    fake = SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    response = comms_client.post(
        "/admin/news/article/add/", article_form(image=fake, image_alt="x")
    )
    assert response.status_code == 200
    assert b"This file is not an image we can read." in response.content
    assert not Article.objects.exists()


def test_article_list_shows_status_and_filters_by_it(comms_client):
    now = timezone.now()
    ArticleFactory(title="Live one")
    ArticleFactory(title="Draft one", status=Article.Status.DRAFT)
    ArticleFactory(title="Scheduled one", publish_at=datetime(2030, 5, 1, 9, 30, tzinfo=UTC))
    ArticleFactory(
        title="Expired one",
        publish_at=now - timedelta(days=9),
        unpublish_at=now - timedelta(days=1),
    )

    content = comms_client.get("/admin/news/article/").content.decode()
    for state in ["Live", "Draft", "Scheduled for 1 May 2030, 10:30", "Expired"]:
        assert f'<td class="field-state_label">{state}</td>' in content

    for state, title in [("scheduled", "Scheduled one"), ("expired", "Expired one")]:
        response = comms_client.get(f"/admin/news/article/?state={state}")
        assert pages.result_names(response) == [title]


def test_article_list_search_filters_and_date_drilldown_find_the_right_articles(comms_client):
    uhb = OrganisationFactory()
    theme = ThemeFactory()
    wanted = ArticleFactory(
        title="Trial recruitment passes target",
        tags=["trials"],
        organisations=[uhb],
        themes=[theme],
        publish_at=timezone.now().replace(year=2025),
    )
    ArticleFactory(title="Unrelated news", tags=["other"])
    tag = wanted.tags.get()
    for query in [
        "q=recruitment",
        f"tags__id__exact={tag.pk}",
        f"organisations__id__exact={uhb.pk}",
        f"themes__id__exact={theme.pk}",
        "publish_at__year=2025",
    ]:
        response = comms_client.get(f"/admin/news/article/?{query}")
        assert pages.result_names(response) == [wanted.title], query


@pytest.mark.parametrize("articles", [3, 50])
def test_article_list_query_count_does_not_grow(comms_client, django_assert_num_queries, articles):
    for _ in range(articles):
        ArticleFactory(organisations=[OrganisationFactory()], tags=["alpha"])
    comms_client.get("/admin/news/article/")  # warm the session and content-type caches
    with django_assert_num_queries(16):  # one per filter's choices: people's too
        comms_client.get("/admin/news/article/")


def test_publish_and_unpublish_actions(comms_client, comms_user):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    future = ArticleFactory(status=Article.Status.DRAFT, publish_at=timezone.now() + timedelta(1))

    response = comms_client.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [draft.pk, future.pk]},
        follow=True,
    )
    assert "2 articles set to published." in response.content.decode()
    assert "1 article has a publish time in the future" in response.content.decode()
    assert list(Article.objects.live()) == [draft]
    assert list(Article.objects.scheduled()) == [future]

    comms_client.post(
        "/admin/news/article/", {"action": "unpublish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.updated_by == comms_user


def test_staff_without_publish_permission_cannot_publish(client, django_user_model):
    from django.contrib.auth.models import Permission

    writer = django_user_model.objects.create_user("writer", is_staff=True)
    writer.user_permissions.set(
        Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
    )
    client.force_login(writer)
    draft = ArticleFactory(status=Article.Status.DRAFT)

    change_form = client.get(f"/admin/news/article/{draft.pk}/change/")
    assert 'name="status"' not in change_form.content.decode()
    assert b'value="publish"' not in client.get("/admin/news/article/").content

    client.post(
        f"/admin/news/article/{draft.pk}/change/",
        article_form(slug=draft.slug, status="published"),
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_an_old_draft_published_now_goes_to_the_top(comms_client):
    ArticleFactory(title="Yesterday's news")
    draft = ArticleFactory(
        status=Article.Status.DRAFT, publish_at=timezone.now() - timedelta(days=90)
    )
    comms_client.post("/admin/news/article/", {"action": "publish", "_selected_action": [draft.pk]})
    assert Article.objects.live().first() == draft


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tags", "🙂", "Each tag needs at least one letter or number"),
        ("tags", "fine, !!!", "Each tag needs at least one letter or number"),
    ],
)
def test_tags_without_letters_are_refused(comms_client, field, value, message):
    response = comms_client.post("/admin/news/article/add/", article_form(**{field: value}))
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_related_articles_exclude_itself_and_stop_at_three(comms_client):
    article = ArticleFactory()
    others = ArticleFactory.create_batch(4)
    url = f"/admin/news/article/{article.pk}/change/"
    form = article_form(slug=article.slug, status="published")

    response = comms_client.post(url, {**form, "related_articles": [article.pk]})
    assert "An article cannot be related to itself." in response.content.decode()

    response = comms_client.post(url, {**form, "related_articles": [o.pk for o in others]})
    assert "Choose up to 3 related articles; you chose 4." in response.content.decode()
    assert not article.related_articles.exists()


def test_tag_field_offers_existing_tags(comms_client):
    ArticleFactory(tags=["clinical trials"])
    content = comms_client.get("/admin/news/article/add/").content.decode()
    assert '<option value="clinical trials">' in content
    assert "js/tag-autocomplete.js" in content


def test_viewing_unwritten_strategy_page_text_is_not_refused(comms_client):
    assert comms_client.get("/admin/strategy/strategypage/").status_code == 200


def test_strategy_page_text_is_a_single_editable_page(admin_client_in_group):
    response = admin_client_in_group.get("/admin/strategy/strategypage/")
    assert response["Location"] == "/admin/strategy/strategypage/add/"
    StrategyPage(introduction="<p>Intro</p>").save()
    response = admin_client_in_group.get("/admin/strategy/strategypage/")
    assert response["Location"].endswith("/change/")
    assert admin_client_in_group.get("/admin/strategy/strategypage/add/").status_code == 403


def test_administrator_can_change_strategy(admin_client_in_group):
    goal = GoalFactory()
    response = admin_client_in_group.post(
        f"/admin/strategy/goal/{goal.pk}/change/",
        {"title": "Sharper goal", "slug": goal.slug, "summary": "Better.", "order": 1},
    )
    assert response.status_code == 302
    assert Goal.objects.get(pk=goal.pk).title == "Sharper goal"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/autocomplete/?app_label=news&model_name=article&field_name=organisations&term=%00",
        "/admin/autocomplete/?app_label=news&model_name=article&field_name=related_articles"
        "&term=a%00",
        "/admin/news/article/?q=a%00b",
        "/admin/members/organisation/?q=%00",
    ],
)
def test_nul_bytes_in_admin_searches_are_ignored(comms_client, url):
    ArticleFactory()
    assert comms_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["publish_at__year=99999999999999999999",
     "publish_at__year=2025&publish_at__month=99999999999999999999"],
)  # fmt: skip
def test_impossible_dates_in_the_drilldown_show_the_list_with_a_note(comms_client, query):
    ArticleFactory()
    response = comms_client.get(f"/admin/news/article/?{query}")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
    assert comms_client.get(response["Location"]).status_code == 200


def test_publishing_many_articles_records_each_in_history_and_the_audit_log(comms_client):
    drafts = ArticleFactory.create_batch(20, status=Article.Status.DRAFT)
    comms_client.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [a.pk for a in drafts]},
    )
    assert Article.objects.live().count() == 20
    assert LogEntry.objects.filter(change_message="Published.").count() == 20
    for article in drafts:
        latest = Version.objects.get_for_object(article).first()
        assert latest.field_dict["status"] == Article.Status.PUBLISHED
        assert latest.revision.comment == "Published."
        assert latest.revision.user.username == "comms"
