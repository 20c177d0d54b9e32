from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from members.models import Organisation
from news.models import Article
from strategy.models import StrategyPage

from .factories import ArticleFactory, OrganisationFactory, PriorityFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_only_published_articles_whose_time_has_come_are_live():
    live = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(publish_at=timezone.now() + timedelta(hours=1))
    past_draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=timezone.now())

    assert list(Article.objects.live()) == [live]
    assert list(Article.objects.scheduled()) == [scheduled]
    assert set(Article.objects.drafts()) == {draft, past_draft}
    assert [a.state for a in (live, draft, scheduled)] == ["Live", "Draft", "Scheduled"]


def test_a_scheduled_article_goes_live_by_itself_when_its_time_comes():
    article = ArticleFactory(publish_at=timezone.now() + timedelta(seconds=1))
    assert not Article.objects.live().exists()

    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))

    assert list(Article.objects.live()) == [article]


def test_about_combines_filters():
    uhb, roh = OrganisationFactory.create_batch(2)
    theme = ThemeFactory()
    both = ArticleFactory(organisations=[uhb], themes=[theme], tags=["trials"])
    ArticleFactory(organisations=[uhb], tags=["trials"])
    ArticleFactory(organisations=[roh], themes=[theme])

    assert list(Article.objects.about(organisation=uhb, theme=theme)) == [both]
    assert Article.objects.about(organisation=uhb).count() == 2
    assert Article.objects.about(year=both.publish_at.year).count() == 3


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onclick="steal()">Hi</p>', "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">link</a>', '<a rel="noopener noreferrer">link</a>'),
        ('<p style="color:red" class="x">Hi</p>', "<p>Hi</p>"),
        ("<h1>Too big</h1><h2>Fine</h2>", "Too big<h2>Fine</h2>"),
        ("<svg><circle/></svg><p>ok</p>", "<p>ok</p>"),
    ],
)
def test_article_body_is_sanitised_on_every_save(hostile, kept):
    article = ArticleFactory(body=hostile)
    article.refresh_from_db()
    assert article.body == kept


def test_plain_text_becomes_escaped_paragraphs():
    article = ArticleFactory(body="First line\nsame paragraph.\n\nSecond & last")
    article.refresh_from_db()
    assert article.body == "<p>First line<br>same paragraph.</p>\n\n<p>Second &amp; last</p>"


def test_image_without_alt_text_is_refused():
    article = ArticleFactory.build(with_image=True, image_alt="  ")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "image_alt" in error.value.message_dict


def test_chosen_related_articles_win_and_only_live_ones_show():
    article = ArticleFactory()
    chosen = ArticleFactory()
    hidden = ArticleFactory(status=Article.Status.DRAFT)
    article.related_articles.set([chosen, hidden])

    assert article.related() == [chosen]


def test_related_articles_fall_back_to_newest_sharing_something():
    uhb = OrganisationFactory()
    article = ArticleFactory(organisations=[uhb], tags=["trials"])
    now = timezone.now()
    by_member = ArticleFactory(organisations=[uhb], publish_at=now - timedelta(days=3))
    by_tag = ArticleFactory(tags=["trials"], publish_at=now - timedelta(days=2))
    by_both = ArticleFactory(
        organisations=[uhb], tags=["trials"], publish_at=now - timedelta(days=4)
    )
    ArticleFactory(organisations=[uhb], publish_at=now - timedelta(days=9))  # fourth: too old
    ArticleFactory(tags=["unrelated"], publish_at=now)
    ArticleFactory(organisations=[uhb], status=Article.Status.DRAFT, publish_at=now)

    assert article.related() == [by_tag, by_member, by_both]


def test_current_members_leave_out_former_members_and_partners():
    member = OrganisationFactory()
    OrganisationFactory(left_on=timezone.localdate() - timedelta(days=1))
    OrganisationFactory(is_member=False, joined_on=None)
    leaving_later = OrganisationFactory(left_on=timezone.localdate() + timedelta(days=30))

    assert set(Organisation.objects.current_members()) == {member, leaving_later}
    assert Organisation.objects.members().count() == 3
    assert Organisation.objects.partners().count() == 1


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"website": "ftp://example.org/"}, "website"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"joined_on": None}, "joined_on"),  # a member needs one or the other
        ({"founding_member": True, "joined_on": timezone.localdate()}, "joined_on"),
        ({"is_member": False, "founding_member": True, "joined_on": None}, "is_member"),
        ({"is_member": False, "joined_on": None, "left_on": timezone.localdate()}, "is_member"),
        (
            {"joined_on": timezone.localdate(), "left_on": timezone.localdate() - timedelta(1)},
            "left_on",
        ),
    ],
)
def test_organisation_validation(fields, field_in_error):
    organisation = OrganisationFactory.build(**fields)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert field_in_error in error.value.message_dict


def test_organisation_description_is_sanitised():
    organisation = OrganisationFactory(description='<p>Trust<img src=x onerror="alert(1)"></p>')
    organisation.refresh_from_db()
    assert organisation.description == "<p>Trust</p>"


def test_strategy_page_text_loads_empty_until_written():
    assert StrategyPage.load().introduction == ""
    page = StrategyPage.load()
    page.introduction = "<p>Our strategy</p>"
    page.save()
    assert StrategyPage.load().introduction == "<p>Our strategy</p>"


def test_the_database_refuses_a_second_strategy_page():
    StrategyPage(introduction="<p>First</p>").save()
    with pytest.raises(IntegrityError):
        StrategyPage(introduction="<p>Second</p>").save()


def test_an_article_never_relates_to_itself():
    article = ArticleFactory(tags=["trials"])
    article.related_articles.set([article])
    other = ArticleFactory(tags=["trials"])
    assert article.related() == [other]


def test_strategy_items_have_public_urls():
    assert ThemeFactory(slug="clinical-trials").get_absolute_url() == "/themes/clinical-trials/"
    assert PriorityFactory(slug="mental-health").get_absolute_url() == "/priorities/mental-health/"
