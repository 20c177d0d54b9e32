"""Tags as staff use them: typed into an article's form, and deleted from the tag admin.

Every interaction posts the form the admin rendered (tests/pages.py), as a browser would.
"""

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
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
    # Deleting and merging were their only actions, so the list offers none.
    assert 'name="action"' not in listing.content.decode()
    refused = comms_client.post(
        "/admin/taggit/tag/",
        {"action": "delete_selected", "_selected_action": [tag.pk], "post": "yes"},
        follow=True,
    )
    assert refused.status_code == 200
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


# Merging tags: tick tags in the list, choose "Merge selected tags", name the tag to keep.

TAG_LIST = "/admin/taggit/tag/"


def merge_page(client, *tags, listing=TAG_LIST):
    """Tick `tags` in the tag list, run "Merge selected tags" and open the page it leads to."""
    form = pages.form(client.get(listing), field="action")
    chosen = [str(tag.pk) for tag in tags]
    response = form.submit(client, action="render_tag_form", _selected_action=chosen)
    assert response.status_code == 302
    return client.get(response["Location"])


def merge(client, *tags, into):
    page = merge_page(client, *tags)
    assert page.status_code == 200
    return pages.form(page, field="new_tag_name").submit(client, new_tag_name=into)


def tag(name):
    return ArticleFactory(title=f"About {name}", tags=[name]).tags.get()


@pytest.mark.parametrize("into", ["clinical-trials", "CLINICAL TRIALS", " Clinical   trials "])
def test_merging_tags_into_another_spelling_of_an_existing_tag_merges_into_that_tag(
    admin_client_in_group, client, settings, into
):
    settings.PAGE_CACHE_SECONDS = 600
    existing = tag("Clinical trials")
    trials, research = tag("Trials"), tag("Clinical research")
    both = ArticleFactory(title="Both", tags=["Trials", "Clinical trials"])
    cached = Article.objects.get(title="About Trials").get_absolute_url()
    assert client.get(cached).status_code == 200
    assert client.get(cached)["X-Page-Cache"] == "hit"

    response = merge(admin_client_in_group, trials, research, into=into)
    assert response.status_code == 302
    assert response["Location"] == TAG_LIST
    assert list(Tag.objects.all()) == [existing]
    existing.refresh_from_db()
    assert (existing.name, existing.slug) == ("Clinical trials", "clinical-trials")
    for article in Article.objects.all():
        assert list(article.tags.all()) == [existing]
    assert list(both.tags.all()) == [existing]
    done = admin_client_in_group.get(TAG_LIST).content.decode()
    assert "Merged “Clinical research” and “Trials” into the existing tag “Clinical trials”" in (
        done
    )

    after = client.get(cached)
    assert after["X-Page-Cache"] == "miss"
    assert 'href="/news/tags/clinical-trials/"' in after.content.decode()
    listed = client.get("/news/tags/clinical-trials/").content.decode()
    assert "About Trials" in listed
    assert "About Clinical research" in listed
    assert client.get("/news/tags/trials/")["Location"] == "/news/tags/clinical-trials/"


def test_merging_a_tag_into_one_of_the_selected_keeps_that_one(admin_client_in_group):
    kept, duplicate = tag("Clinical trials"), tag("Trials")
    response = merge(admin_client_in_group, kept, duplicate, into="clinical trials")
    assert response.status_code == 302
    assert list(Tag.objects.all()) == [kept]
    assert Article.objects.filter(tags=kept).count() == 2


def test_merging_into_a_new_name_makes_one_new_tag(admin_client):
    first, second = tag("Trials"), tag("Clinical research")
    both = ArticleFactory(tags=["Trials", "Clinical research"])
    response = merge(admin_client, first, second, into="Research  trials")
    assert response.status_code == 302
    merged = Tag.objects.get()
    assert (merged.name, merged.slug) == ("Research trials", "research-trials")
    assert Article.objects.filter(tags=merged).count() == 3
    assert list(both.tags.all()) == [merged]
    done = admin_client.get(TAG_LIST).content.decode()
    assert "Merged “Clinical research” and “Trials” into the new tag “Research trials”" in done


def test_a_merged_tags_old_address_leads_to_the_tag_kept(admin_client, client):
    trials, research = tag("Trials"), tag("Clinical research")
    old = client.get("/news/tags/trials/")
    assert old.status_code == 200
    assert merge(admin_client, trials, research, into="Clinical research").status_code == 302
    moved = client.get("/news/tags/trials/")
    assert moved.status_code == 301
    assert moved["Location"] == "/news/tags/clinical-research/"
    assert "About Trials" in client.get(moved["Location"]).content.decode()


def test_merging_duplicate_tags_made_before_tags_were_matched_by_address(admin_client):
    kept = tag("Clinical trials")
    duplicate = Tag.objects.create(name="clinical-trials")
    assert duplicate.slug == "clinical-trials_1"
    tagged = ArticleFactory()
    tagged.tags.add(duplicate)
    response = merge(admin_client, kept, duplicate, into="clinical-trials")
    assert response.status_code == 302
    assert list(Tag.objects.all()) == [kept]
    assert list(tagged.tags.all()) == [kept]


def test_merging_a_tag_into_itself_in_another_spelling_changes_nothing(
    admin_client_in_group,
):
    trials = tag("Trials")
    response = merge(admin_client_in_group, trials, into="TRIALS")
    assert response.status_code == 302
    content = admin_client_in_group.get(response["Location"]).content.decode()
    assert "Nothing to merge: the tag chosen is “Trials”." in content
    assert list(Tag.objects.all()) == [trials]
    assert Article.objects.filter(tags=trials).count() == 1
    assert not LogEntry.objects.filter(content_type__model="tag").exists()


def test_the_merge_page_names_the_live_articles_affected(admin_client_in_group):
    first = ArticleFactory(title="Trial recruits its first patients", tags=["Trials"])
    ArticleFactory(title="Research day", tags=["Research"])
    ArticleFactory(title="A draft about trials", status=Article.Status.DRAFT, tags=["Trials"])
    ArticleFactory(title="Not about trials", tags=["Obesity"])
    page = merge_page(admin_client_in_group, *Tag.objects.exclude(name="Obesity"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Merge the tags “Research” and “Trials”" in content
    assert "2 live articles carry these tags" in content
    assert f'href="{first.get_absolute_url()}"' in content
    assert "Research day" in content
    assert "A draft about trials" not in content
    assert "Not about trials" not in content

    response = pages.form(page, field="new_tag_name").submit(
        admin_client_in_group, new_tag_name="Research"
    )
    done = admin_client_in_group.get(response["Location"]).content.decode()
    assert "2 live articles now carry it" in done


def test_a_merge_is_recorded_in_the_audit_log(admin_client_in_group, admin_user_in_group):
    kept, merged = tag("Clinical trials"), tag("Trials")
    merge(admin_client_in_group, merged, into="Clinical-Trials")
    entries = LogEntry.objects.filter(user=admin_user_in_group, content_type__model="tag")
    logged = {(entry.object_id, entry.action_flag, entry.change_message) for entry in entries}
    assert logged == {
        (str(merged.pk), DELETION, "Merged into “Clinical trials”."),
        (str(kept.pk), CHANGE, "Merged “Trials” into this tag."),
    }
    log = admin_client_in_group.get("/admin/admin/logentry/?event=deleted").content.decode()
    assert "Merged into “Clinical trials”." in log


def test_communications_cannot_merge_tags(comms_client, admin_client_in_group):
    first, second = tag("Trials"), tag("Clinical research")
    # The merge page an administrator is shown, posted by a communications officer.
    shown = pages.form(merge_page(admin_client_in_group, first, second), field="new_tag_name")

    listing = comms_client.get(TAG_LIST)
    assert listing.status_code == 200
    assert "render_tag_form" not in listing.content.decode()
    refused = comms_client.post(
        TAG_LIST, {"action": "render_tag_form", "_selected_action": [first.pk, second.pk]}
    )
    assert refused.status_code == 200  # the list again, not the merge page
    assert "tags_to_merge" not in comms_client.session
    assert comms_client.get(f"{TAG_LIST}merge-tags/").status_code == 403
    assert shown.submit(comms_client, new_tag_name="Merged").status_code == 403
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Clinical research", "Trials"]


def test_submitting_the_merge_page_again_goes_back_to_the_list(admin_client_in_group):
    # Nothing is selected any more: the first press merged them (or the back button).
    first, second = tag("Trials"), tag("Clinical research")
    form = pages.form(merge_page(admin_client_in_group, first, second), field="new_tag_name")
    assert form.submit(admin_client_in_group, new_tag_name="Research").status_code == 302
    again = form.submit(admin_client_in_group, new_tag_name="Other")
    assert again.status_code == 302
    assert again["Location"] == TAG_LIST
    content = admin_client_in_group.get(TAG_LIST).content.decode()
    assert "Select the tags to merge in the list of tags first." in content
    assert list(Tag.objects.values_list("name", flat=True)) == ["Research"]
    opened = admin_client_in_group.get(f"{TAG_LIST}merge-tags/")
    assert (opened.status_code, opened["Location"]) == (302, TAG_LIST)


def test_merging_tags_someone_has_since_deleted(admin_client_in_group):
    first, second, third = tag("Trials"), tag("Clinical research"), tag("Obesity")
    form = pages.form(merge_page(admin_client_in_group, first, second), field="new_tag_name")
    first.delete()
    response = form.submit(admin_client_in_group, new_tag_name="Obesity")
    assert response.status_code == 302
    assert list(Tag.objects.all()) == [third]
    assert Article.objects.filter(tags=third).count() == 2

    form = pages.form(merge_page(admin_client_in_group, third), field="new_tag_name")
    third.delete()
    response = form.submit(admin_client_in_group, new_tag_name="Anything")
    assert (response.status_code, response["Location"]) == (302, TAG_LIST)
    assert not Tag.objects.exists()


def test_tags_found_by_searching_the_list_can_be_merged(admin_client_in_group):
    first, second = tag("Trials"), tag("Trial results")
    page = merge_page(admin_client_in_group, first, second, listing=f"{TAG_LIST}?q=trial")
    assert page.status_code == 200
    response = pages.form(page, field="new_tag_name").submit(
        admin_client_in_group, new_tag_name="Trials"
    )
    assert response.status_code == 302
    assert list(Tag.objects.all()) == [first]


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("A" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("ﷺ" * 6, "Each tag can be up to 100 characters, and so can its web address"),
        ("   ", "This field is required."),
        ("!!!", "Each tag needs at least one letter or number: “!!!” has none."),
    ],
)
def test_merging_into_a_name_that_cannot_be_a_tag_is_refused(admin_client_in_group, typed, error):
    first, second = tag("Trials"), tag("Clinical research")
    page = merge_page(admin_client_in_group, first, second)
    response = pages.form(page, field="new_tag_name").submit(
        admin_client_in_group, new_tag_name=typed
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    again = pages.form(response, field="new_tag_name")
    assert dict(again.fields)["new_tag_name"] == typed
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Clinical research", "Trials"]
    assert Article.objects.filter(tags=first).count() == 1
