"""Markup and script typed into every text field of every model is never executed.

Plain-text fields are shown escaped wherever they appear (public pages, admin lists, change
forms, history, messages); rich-text fields are sanitised when saved. Each model is a row:
its text fields are found by introspection, so a field added later is covered too.
"""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from taggit.models import Tag

from contact.models import Enquiry, PressPage, Topic
from core.fields import RichTextField
from documents.models import Document
from events.models import Event
from members.models import Organisation
from news.models import Article
from opportunities.models import Opportunity
from pages.models import Page
from people.models import Person, Role
from publications.models import Author, Publication
from strategy.models import Goal, KeyStatistic, Priority, ResearchTheme, StrategyPage

from . import pages
from .admin_forms import article_form
from .factories import (
    ArticleFactory,
    EventFactory,
    GoalFactory,
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
from .test_hostile_uploads import pdf

pytestmark = pytest.mark.django_db

EXECUTABLE = ["<script>alert(", "<img src=x onerror"]


def text_fields(model):
    """Every field staff type free text into: not slugs, links, choices or passwords."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
        and field.name != "password"
    ]


def hostile(field):
    """A word to search for, then script naming its field, cut to the field's length."""
    text = f'Hostile <script>alert("{field.model.__name__}.{field.name}")</script>'
    return text[: field.max_length] if field.max_length else text


def hostile_values(model):
    return {field.name: hostile(field) for field in text_fields(model)}


def admin_pages(obj):
    """The admin list, change form and history that show `obj`."""
    info = (obj._meta.app_label, obj._meta.model_name)
    return [
        reverse("admin:{}_{}_changelist".format(*info)),
        reverse("admin:{}_{}_change".format(*info), args=[obj.pk]),
        reverse("admin:{}_{}_history".format(*info), args=[obj.pk]),
    ]


@pytest.fixture
def hostile_site(admin_user):
    """One of everything, with script in every text field; {model: pages that show it}."""
    user_model = get_user_model()
    author = user_model.objects.create_user(**hostile_values(user_model), is_staff=True)
    organisation = OrganisationFactory(**hostile_values(Organisation))
    theme = ThemeFactory(**hostile_values(ResearchTheme))
    priority = PriorityFactory(**hostile_values(Priority))
    goal = GoalFactory(**hostile_values(Goal))
    KeyStatisticFactory(priority=priority, **hostile_values(KeyStatistic))
    page = StrategyPage(**hostile_values(StrategyPage))
    page.save()
    article = ArticleFactory(
        **hostile_values(Article),
        organisations=[organisation],
        themes=[theme],
        priorities=[priority],
        tags=[hostile(Tag._meta.get_field("name"))],
    )
    Article.objects.filter(pk=article.pk).update(created_by=author, updated_by=author)
    tag = article.tags.get()
    document = Document.objects.create(
        **hostile_values(Document), file=ContentFile(pdf(), name="r.pdf"), file_type="PDF"
    )
    article.documents.add(document)
    person = PersonFactory(**hostile_values(Person), organisations=[organisation], with_photo=True)
    # A role with a name of its own (the role's only text), leading the theme.
    RoleFactory(person=person, kind="theme_lead", theme=theme, **hostile_values(Role))
    article.people.add(person)
    Article.objects.filter(pk=article.pk).update(byline_person=person)
    topic = Topic.objects.create(**hostile_values(Topic), slug="hostile")
    enquiry = Enquiry.objects.create(**hostile_values(Enquiry), topic=topic, email="a@b.example")
    press = PressPage(**hostile_values(PressPage))
    press.save()
    section = PageFactory(**hostile_values(Page), slug="hostile", show_in_navigation=True,
                          organisations=[organisation])  # fmt: skip
    opportunity = OpportunityFactory(**hostile_values(Opportunity), organisations=[organisation])
    event = EventFactory(**hostile_values(Event), organiser=organisation)
    event.themes.add(theme)
    event.people.add(person)
    article.related_events.add(event)
    publication = PublicationFactory(**hostile_values(Publication), organisations=[organisation],
                                     themes=[theme], pdf=document)  # fmt: skip
    Author.objects.create(publication=publication, **hostile_values(Author))
    article.related_publications.add(publication)
    # History as the admin writes it, naming the object and the fields changed.
    for obj in [author, organisation, theme, priority, goal, page, article, tag, document,
                person, topic, enquiry, press, section, opportunity, event,
                publication]:  # fmt: skip
        LogEntry.objects.log_actions(
            admin_user.pk, [obj], CHANGE, change_message=[{"changed": {"fields": [str(obj)]}}]
        )
    news = reverse("news:article-list")
    feeds = [reverse("news:feed"), reverse("news:feed-atom")]
    found = reverse("search:results") + "?q=hostile"
    strategy = reverse("strategy:strategy")
    return {
        Article: ["/", news, article.get_absolute_url(), organisation.get_absolute_url(),
                  theme.get_absolute_url(), *feeds, found, *admin_pages(article)],
        Organisation: ["/", news, reverse("members:organisation-list"), found,
                       organisation.get_absolute_url(), article.get_absolute_url(),
                       *admin_pages(organisation)],
        ResearchTheme: ["/", news, strategy, theme.get_absolute_url(),
                        article.get_absolute_url(), *admin_pages(theme)],
        Priority: ["/", news, strategy, priority.get_absolute_url(), *admin_pages(priority)],
        Goal: [strategy, *admin_pages(goal)],
        KeyStatistic: [strategy, priority.get_absolute_url(), admin_pages(priority)[1]],
        StrategyPage: [strategy, admin_pages(page)[1], admin_pages(page)[2]],
        Tag: [news, article.get_absolute_url(), reverse("news:tag-detail", args=[tag.slug]),
              *admin_pages(tag)],
        user_model: [admin_pages(article)[1], *admin_pages(author)],
        Document: [article.get_absolute_url(), *admin_pages(document)],
        Person: ["/people/", person.get_absolute_url(), article.get_absolute_url(),
                 theme.get_absolute_url(), found, *admin_pages(person)],
        Role: ["/people/", person.get_absolute_url(), admin_pages(person)[1]],
        Topic: [reverse("contact:enquiry"), *admin_pages(topic)],
        Enquiry: admin_pages(enquiry),
        PressPage: [reverse("contact:press"), admin_pages(press)[1], admin_pages(press)[2]],
        Page: ["/", section.get_absolute_url(), found, *admin_pages(section)],
        Opportunity: ["/", reverse("opportunities:list"), opportunity.get_absolute_url(),
                      organisation.get_absolute_url(), reverse("opportunities:feed"),
                      reverse("opportunities:feed-atom"), found, *admin_pages(opportunity)],
        Event: ["/", reverse("events:event-list"), event.get_absolute_url(),
                organisation.get_absolute_url(), theme.get_absolute_url(),
                person.get_absolute_url(), article.get_absolute_url(), found,
                *admin_pages(event)],
        Publication: ["/publications/", publication.get_absolute_url(), found,
                      organisation.get_absolute_url(), theme.get_absolute_url(),
                      article.get_absolute_url(), *admin_pages(publication)],
        Author: [publication.get_absolute_url(), admin_pages(publication)[1]],
    }  # fmt: skip


@pytest.mark.parametrize(
    "model",
    [
        Article,
        Organisation,
        ResearchTheme,
        Priority,
        Goal,
        KeyStatistic,
        StrategyPage,
        Tag,
        get_user_model(),
        Document,
        Person,
        Role,
        Topic,
        Enquiry,
        PressPage,
        Page,
        Opportunity,
        Event,
        Publication,
        Author,
    ],
    ids=lambda model: model.__name__,
)
def test_script_in_every_text_field_is_shown_escaped_or_removed(admin_client, hostile_site, model):
    shown = {}
    for url in hostile_site[model]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        shown[url] = response.content.decode()
        executable = [code for code in EXECUTABLE if code in shown[url]]
        assert executable == [], f"{url} would run {executable}"

    everything = "".join(shown.values())
    for field in text_fields(model):
        if isinstance(field, RichTextField):
            # Sanitised on save: the script is gone from what is stored, not just escaped.
            stored = model.objects.values_list(field.name, flat=True).get()
            assert "script" not in stored, field.name
        else:
            assert escape(hostile(field)) in everything, f"{field.name} is not shown escaped"


def test_an_admin_message_naming_a_hostile_title_is_escaped(admin_client):
    title = '<script>alert("message")</script>'
    response = admin_client.post(
        reverse("admin:news_article_add"), article_form(title=title), follow=True
    )
    # Read as text, an escaped title is the title itself; one left unescaped would be a tag.
    added = f"The article “{title}” was added successfully."
    assert pages.messages(response) == [added], pages.errors(response)
    page = response.content.decode()
    assert "<script>alert(" not in page
    assert escape(title) in page

    article = Article.objects.get(title=title)
    for url in [
        reverse("admin:news_article_history", args=[article.pk]),
        reverse("admin:news_article_delete", args=[article.pk]),
        reverse("admin:index"),  # the recent actions list
    ]:
        page = admin_client.get(url).content.decode()
        assert "<script>alert(" not in page, url
        assert escape(title) in page, url
