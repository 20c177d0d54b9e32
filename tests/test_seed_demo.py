import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from reversion.models import Version

from demo import content as demo_content
from members.models import Organisation
from news.models import Article
from publications.models import Publication
from strategy.models import Goal, KeyStatistic, Priority, ResearchTheme, StrategyPage

pytestmark = pytest.mark.django_db


def counts():
    models = [Organisation, Article, Goal, ResearchTheme, Priority, KeyStatistic, StrategyPage,
              get_user_model(), Publication]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_demo_content_tells_the_partnerships_story(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    assert Organisation.objects.current_members().count() == 9
    assert Organisation.objects.partners().filter(short_name="ABHI").exists()
    assert Article.objects.live().count() >= 12
    assert Article.objects.drafts().count() == 1
    assert Article.objects.scheduled().count() == 1
    assert ResearchTheme.objects.count() == 4
    assert Priority.objects.get(slug="maternal-health").statistics.filter(value="7.9").exists()
    article = Article.objects.live().filter(organisations__isnull=False).first()
    assert article.image.width > 0
    assert article.image_alt
    # Pictures carry no words, so no alt text has to repeat a headline.
    assert not Article.objects.filter(image_alt__icontains="words").exists()
    assert all(o.logo_alt.endswith(("rings", "shield", "hexagon", "circle", "chevrons", "quarters"))
               for o in Organisation.objects.all())  # fmt: skip
    assert "<script" not in "".join(Article.objects.values_list("body", flat=True))
    # History starts with the load, and the published demo passes the publish checks.
    for model in [Article, Organisation, Priority, StrategyPage]:
        for item in model.objects.all():
            assert Version.objects.get_for_object(item).get().revision.comment == (
                "Demo content loaded."
            )
    assert not any(a.publish_problems() for a in Article.objects.exclude(status="draft"))


def test_running_it_twice_duplicates_nothing_and_keeps_edits(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts()
    Organisation.objects.filter(slug="university-of-birmingham").update(summary="Edited by staff")

    call_command("seed_demo")

    assert counts() == first
    assert Organisation.objects.get(slug="university-of-birmingham").summary == "Edited by staff"
    assert "comms" in capsys.readouterr().out


def test_rerunning_after_staff_renamed_demo_slugs_adds_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts()
    Organisation.objects.filter(slug="aston-university").update(slug="aston")
    article = Article.objects.first()
    Article.objects.filter(pk=article.pk).update(slug="a-new-address")

    call_command("seed_demo")

    assert counts() == first


def test_demo_logins_exist_only_when_debug_is_on(settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo")
    assert not get_user_model().objects.exists()
    assert "no demo staff accounts" in capsys.readouterr().out

    settings.DEBUG = True
    call_command("seed_demo")
    comms = get_user_model().objects.get(username="comms")
    assert comms.groups.filter(name="Communications").exists()
    assert not comms.is_superuser
    contributor = get_user_model().objects.get(username="contributor")
    assert list(contributor.groups.values_list("name", flat=True)) == ["Contributors"]


def test_every_link_in_the_demo_articles_points_at_demo_content():
    organisations = {o["slug"] for o in demo_content.ORGANISATIONS}
    themes = {t["slug"] for t in demo_content.THEMES}
    priorities = {p["slug"] for p in demo_content.PRIORITIES}
    articles = {a["slug"] for a in demo_content.ARTICLES}
    for article in demo_content.ARTICLES:
        assert set(article["organisations"]) <= organisations
        assert set(article["themes"]) <= themes
        assert set(article["priorities"]) <= priorities
        assert set(article["related"]) <= articles
