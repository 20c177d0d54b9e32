"""Tags as staff use them: typed into an article's form, and deleted from the tag admin.

Every interaction posts the form the admin rendered (tests/pages.py), as a browser would.
"""

import pytest
from django.contrib.auth.models import Group
from taggit.models import Tag

from news.models import Article

from . import pages
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def change_form(client, article):
    page = client.get(f"/admin/news/article/{article.pk}/change/")
    assert page.status_code == 200
    return pages.form(page, field="tags")


def type_tags(client, article, tags, **values):
    """Type `tags` into the article's tags field, change any other fields, and save."""
    return change_form(client, article).submit(client, button="_save", tags=tags, **values)


@pytest.mark.parametrize(
    "typed",
    [
        "clinical-trials",
        "CLINICAL TRIALS",
        "clinical trials",
        "Clinical Trials",
        "  clinical   trials  ",
        '"clinical-trials"',
        "Clinical-Trials",
        "clinical-trials, Clinical trials, CLINICAL-TRIALS",
    ],
)
def test_typing_an_existing_tag_in_another_spelling_reuses_it(comms_client, typed):
    existing = ArticleFactory(tags=["Clinical trials"]).tags.get()
    article = ArticleFactory()
    response = type_tags(comms_client, article, typed)
    assert response.status_code == 302, response.content.decode()
    assert list(article.tags.all()) == [existing]
    assert list(Tag.objects.all()) == [existing]
    existing.refresh_from_db()
    assert (existing.name, existing.slug) == ("Clinical trials", "clinical-trials")


def test_two_spellings_of_one_new_tag_make_one_tag(comms_client):
    article = ArticleFactory()
    response = type_tags(comms_client, article, "Health data, health-data, HEALTH DATA")
    assert response.status_code == 302
    tag = Tag.objects.get()
    assert tag.slug == "health-data"
    assert tag.name in {"Health data", "health-data", "HEALTH DATA"}
    assert list(article.tags.all()) == [tag]


def test_a_new_tag_beside_an_existing_one_is_added(comms_client):
    ArticleFactory(tags=["Clinical trials"])
    article = ArticleFactory()
    response = type_tags(comms_client, article, "clinical-trials, Obesity")
    assert response.status_code == 302
    assert sorted(article.tags.names()) == ["Clinical trials", "Obesity"]
    assert Tag.objects.count() == 2


def test_tags_added_in_code_reuse_existing_tags_by_address_too():
    # The importer, the demo load and the shell tag articles without the form.
    existing = ArticleFactory(tags=["Clinical trials"]).tags.get()
    article = ArticleFactory(tags=["clinical-trials", "CLINICAL TRIALS"])
    assert list(article.tags.all()) == [existing]
    article.tags.set(["Clinical Trials"])
    assert list(Tag.objects.all()) == [existing]


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ('Patients say "thank you"', ['Patients say "thank you"']),
        ('"Heart, lung and blood", Obesity', ["Heart, lung and blood", "Obesity"]),
        (" , ,, ", []),
        ('""', []),
    ],
)
def test_typed_tags_are_split_at_commas_only(comms_client, typed, names):
    article = ArticleFactory(tags=["Old topic"])
    response = type_tags(comms_client, article, typed)
    assert response.status_code == 302
    assert sorted(article.tags.names()) == names


def test_the_tags_field_shows_tags_as_typed_and_saving_it_unchanged_keeps_them(comms_client):
    article = ArticleFactory(tags=["Clinical trials", "Obesity", "Heart, lung and blood"])
    form = change_form(comms_client, article)
    assert dict(form.fields)["tags"] == '"Heart, lung and blood", Clinical trials, Obesity'
    assert form.submit(comms_client, button="_save").status_code == 302
    assert sorted(article.tags.names()) == ["Clinical trials", "Heart, lung and blood", "Obesity"]
    assert Tag.objects.count() == 3


@pytest.mark.parametrize("name", ["CLINICAL TRIALS", "clinical-trials", "Clinical  trials!"])
def test_the_tag_admin_refuses_another_spelling_of_an_existing_tag(admin_client_in_group, name):
    existing = ArticleFactory(tags=["Clinical trials"]).tags.get()
    form = pages.form(admin_client_in_group.get("/admin/taggit/tag/add/"), field="name")
    response = form.submit(admin_client_in_group, name=name, slug="trials-again", button="_save")
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is already a tag for this: “Clinical trials”" in content
    assert dict(pages.form(response, field="name").fields)["name"] == name
    assert list(Tag.objects.all()) == [existing]


def test_the_tag_admin_may_rename_a_tag_in_another_case(admin_client_in_group):
    tag = ArticleFactory(tags=["Clinical trials"]).tags.get()
    form = pages.form(admin_client_in_group.get(f"/admin/taggit/tag/{tag.pk}/change/"), "name")
    response = form.submit(admin_client_in_group, name="Clinical Trials", button="_save")
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.name == "Clinical Trials"


TOO_LONG = "A" * 101


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (TOO_LONG, TOO_LONG),
        (f"fine, {TOO_LONG}", TOO_LONG),
        (f'"{"word " * 30}"', ("word " * 30).strip()),
        # Each of these six characters makes an address 18 characters long.
        ("ﷺ" * 6, "ﷺ" * 6),
    ],
)
def test_a_tag_too_long_is_refused_and_everything_typed_is_kept(comms_client, typed, shown):
    article = ArticleFactory(tags=["Obesity"])
    response = type_tags(
        comms_client, article, typed, title="A retitled article", summary="A new summary."
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Each tag can be up to 100 characters" in content
    assert f"“{shown}” is too long" in content
    again = pages.form(response, field="tags")
    values = dict(again.fields)
    assert values["tags"] == typed
    assert values["title"] == "A retitled article"
    assert values["summary"] == "A new summary."
    article.refresh_from_db()
    assert article.title != "A retitled article"
    assert list(article.tags.names()) == ["Obesity"]
    assert list(Tag.objects.values_list("name", flat=True)) == ["Obesity"]


def test_a_tag_of_exactly_100_characters_is_accepted(comms_client):
    article = ArticleFactory()
    response = type_tags(comms_client, article, "B" * 100)
    assert response.status_code == 302
    assert list(article.tags.names()) == ["B" * 100]


def delete_page(client, tag):
    return client.get(f"/admin/taggit/tag/{tag.pk}/delete/")


def test_deleting_a_tag_names_the_articles_that_lose_it(admin_client_in_group):
    live = ArticleFactory(title="Trial recruits its first patients", tags=["Clinical trials"])
    ArticleFactory(title="Another live trial story", tags=["Clinical trials"])
    draft = ArticleFactory(
        title="A draft about trials", status=Article.Status.DRAFT, tags=["Clinical trials"]
    )
    ArticleFactory(title="Not about trials", tags=["Obesity"])
    tag = live.tags.get()

    page = delete_page(admin_client_in_group, tag)
    assert page.status_code == 200
    content = page.content.decode()
    assert "2 live articles lose this tag" in content
    assert f'href="{live.get_absolute_url()}"' in content
    assert "Trial recruits its first patients" in content
    assert "Another live trial story" in content
    assert "A draft about trials" in content  # among everything deleted, as Django lists it
    assert "Not about trials" not in content

    response = pages.form(page, field="post").submit(admin_client_in_group)
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=tag.pk).exists()
    assert not live.tags.exists()
    assert not draft.tags.exists()
    assert Article.objects.count() == 4  # the articles stay, without the tag


def test_deleting_a_tag_no_live_article_carries_says_so(admin_client_in_group):
    draft = ArticleFactory(status=Article.Status.DRAFT, tags=["Unused"])
    content = delete_page(admin_client_in_group, draft.tags.get()).content.decode()
    assert "No live article carries this tag." in content


def test_deleting_several_tags_at_once_names_the_articles_that_lose_them(admin_client_in_group):
    first = ArticleFactory(title="Trial recruits its first patients", tags=["Clinical trials"])
    second = ArticleFactory(title="Obesity clinic opens", tags=["Obesity"])
    page = admin_client_in_group.get("/admin/taggit/tag/")
    chosen = [str(tag.pk) for tag in Tag.objects.all()]
    form = pages.form(page, field="action")
    confirm = form.submit(admin_client_in_group, action="delete_selected", _selected_action=chosen)
    assert confirm.status_code == 200
    content = confirm.content.decode()
    assert "2 live articles lose these tags" in content
    assert f'href="{first.get_absolute_url()}"' in content
    assert f'href="{second.get_absolute_url()}"' in content

    response = pages.form(confirm, field="post").submit(admin_client_in_group)
    assert response.status_code == 302
    assert not Tag.objects.exists()


def test_a_superuser_may_delete_a_tag(admin_client):
    tag = ArticleFactory(tags=["Clinical trials"]).tags.get()
    page = delete_page(admin_client, tag)
    assert "1 live article loses this tag" in page.content.decode()
    pages.form(page, field="post").submit(admin_client)
    assert not Tag.objects.exists()


def test_communications_cannot_delete_a_tag(comms_client, admin_client_in_group):
    tag = ArticleFactory(tags=["Clinical trials"]).tags.get()
    # The form an administrator is shown, posted by a communications officer.
    confirmation = pages.form(delete_page(admin_client_in_group, tag), field="post")
    assert delete_page(comms_client, tag).status_code == 403
    assert confirmation.submit(comms_client).status_code == 403

    listing = comms_client.get("/admin/taggit/tag/")
    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()
    refused = comms_client.post(
        "/admin/taggit/tag/",
        {"action": "delete_selected", "_selected_action": [tag.pk], "post": "yes"},
        follow=True,
    )
    assert "No action selected." in refused.content.decode()
    assert Tag.objects.filter(pk=tag.pk).exists()
    communications = Group.objects.get(name="Communications")
    assert not communications.permissions.filter(codename="delete_tag").exists()


def test_deleting_a_tag_refreshes_the_public_pages(admin_client_in_group, client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = ArticleFactory(title="Trial recruits", tags=["Clinical trials"])
    tag = article.tags.get()
    tag_page = f"/news/tags/{tag.slug}/"
    for address in (article.get_absolute_url(), tag_page, article.get_absolute_url()):
        assert client.get(address).status_code == 200
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    assert "Clinical trials" in client.get(article.get_absolute_url()).content.decode()

    page = delete_page(admin_client_in_group, tag)
    pages.form(page, field="post").submit(admin_client_in_group)

    after = client.get(article.get_absolute_url())
    assert after.status_code == 200
    assert after["X-Page-Cache"] == "miss"
    assert "Clinical trials" not in after.content.decode()
    assert client.get(tag_page).status_code == 404
