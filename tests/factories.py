from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory, ImageField

from members.models import Organisation
from news.models import Article
from opportunities.models import Opportunity
from pages.models import Page
from people.models import Person, Role
from strategy.models import Goal, KeyStatistic, Priority, ResearchTheme

from . import files


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Example Hospitals NHS Foundation Trust {n}")
    short_name = factory.Sequence(lambda n: f"EHT{n}")
    slug = factory.Sequence(lambda n: f"example-hospitals-{n}")
    summary = "An example NHS trust."
    joined_on = date(2022, 2, 1)


class StrategyItemFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Strategy item {n}")
    slug = factory.Sequence(lambda n: f"strategy-item-{n}")
    summary = "An example part of the strategy."


class ThemeFactory(StrategyItemFactory):
    class Meta:
        model = ResearchTheme


class PriorityFactory(StrategyItemFactory):
    class Meta:
        model = Priority


class GoalFactory(StrategyItemFactory):
    class Meta:
        model = Goal


class KeyStatisticFactory(DjangoModelFactory):
    class Meta:
        model = KeyStatistic

    priority = factory.SubFactory(PriorityFactory)
    label = "Infant mortality rate"
    value = "7.9"
    unit = "deaths per 1,000 live births"
    source = "Office for National Statistics"
    as_of = factory.LazyFunction(lambda: timezone.localdate())


class LinkedToStrategyFactory(DjangoModelFactory):
    """Sets the members, themes and priorities (strategy.models.LinkedToStrategy) given."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def organisations(self, create, organisations):
        if create and organisations:
            self.organisations.set(organisations)

    @factory.post_generation
    def themes(self, create, themes):
        if create and themes:
            self.themes.set(themes)

    @factory.post_generation
    def priorities(self, create, priorities):
        if create and priorities:
            self.priorities.set(priorities)


class ArticleFactory(LinkedToStrategyFactory):
    """A live article by default; pass status/publish_at for drafts and scheduled ones."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Partnership news item {n}")
    slug = factory.Sequence(lambda n: f"partnership-news-item-{n}")
    summary = "Something happened in the partnership."
    body = "<p>The body of the article.</p>"
    author = "Louise Stanley"
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        with_image = factory.Trait(
            image=ImageField(width=400, height=225, color="navy", format="JPEG"),
            image_alt="A navy panel",
        )

    @factory.post_generation
    def tags(self, create, names):
        if create and names:
            self.tags.add(*names)


class DocumentFactory(DjangoModelFactory):
    """A small real PDF; pass `file=` for another kind."""

    class Meta:
        model = "documents.Document"

    title = factory.Sequence(lambda n: f"Annual report {2000 + n}")
    file = factory.LazyFunction(lambda: ContentFile(files.pdf(), name="report.pdf"))


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    honorific = "Professor"
    name = factory.Sequence(lambda n: f"Alex Example{n}")
    slug = factory.Sequence(lambda n: f"alex-example-{n}")
    biography = "Leads research across the partnership."

    class Params:
        with_photo = factory.Trait(
            photo=ImageField(width=480, height=600, color="teal", format="JPEG"),
            photo_alt="Head and shoulders of a person",
        )

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    kind = Role.Kind.NON_EXECUTIVE_DIRECTOR
    starts_on = date(2021, 1, 1)


class PageFactory(DjangoModelFactory):
    """A live top-level page by default; pass `parent` to put it in a section."""

    class Meta:
        model = Page
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"About page {n}")
    slug = factory.Sequence(lambda n: f"about-page-{n}")
    summary = "What this part of the partnership does."
    body = "<p>The body of the page.</p>"
    status = Page.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    communications_may_edit = True

    @factory.post_generation
    def organisations(self, create, organisations):
        if create and organisations:
            self.organisations.set(organisations)


class OpportunityFactory(LinkedToStrategyFactory):
    """A live funding call, open for another 30 days; pass opens_at/closes_at to move it."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Pump-priming call {n}")
    slug = factory.Sequence(lambda n: f"pump-priming-call-{n}")
    summary = "Seed funding for new partnership projects."
    body = "<p>What the call funds.</p>"
    eligibility = "<p>Researchers at member organisations.</p>"
    apply_url = "https://apply.example.org/form"
    status = Opportunity.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class EventFactory(DjangoModelFactory):
    """A live, upcoming, timed event in person by default."""

    class Meta:
        model = "events.Event"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Partnership seminar {n}")
    slug = factory.Sequence(lambda n: f"partnership-seminar-{n}")
    summary = "A seminar for researchers and clinicians."
    body = "<p>What the seminar covers.</p>"
    status = "published"
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    venue = "Institute of Translational Medicine"
    address = "Heritage Building, Mindelsohn Way\nBirmingham B15 2TH"


class PublicationFactory(DjangoModelFactory):
    """A live report by default; pass status/publish_at for drafts and scheduled ones."""

    class Meta:
        model = "publications.Publication"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Report of activity {n}")
    slug = factory.Sequence(lambda n: f"report-of-activity-{n}")
    summary = "What the partnership did."
    body = "<h2>Introduction</h2><p>The full text.</p>"
    published_on = date(2022, 11, 1)
    status = "published"
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def themes(self, create, themes):
        if create and themes:
            self.themes.set(themes)

    @factory.post_generation
    def organisations(self, create, organisations):
        if create and organisations:
            self.organisations.set(organisations)
