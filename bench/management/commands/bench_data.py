"""Fill a database with a large, realistic site quickly, for `make bench`."""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from imagefield.fields import IMAGEFIELDS
from taggit.models import Tag, TaggedItem

from events.models import Event
from members.models import Organisation
from news.models import Article
from opportunities.models import Opportunity
from pagecache.totals import renew_every_generation
from pages.models import Page
from people.models import Person, Role
from publications.models import Author, Publication
from search.signals import INDEXED, index
from strategy.models import Priority, ResearchTheme

BATCH = 5000
WORDS = [
    "trial", "patients", "research", "clinical", "Birmingham", "partnership", "health", "data",
    "maternal", "mental", "innovation", "hospital", "university", "study", "recruitment",
    "evaluation", "inequalities", "diagnosis", "care", "community", "funding", "fellowship",
    "award", "network", "genomics", "imaging", "surgery", "children",
]  # fmt: skip
TOPICS = [
    "Clinical trials", "Health inequalities", "Maternal health", "Mental health", "Data",
    "Genomics", "Funding", "Awards", "Industry", "Evaluation", "Children", "Inflammation",
    "Workforce", "Patient involvement", "Diagnostics", "Surgery", "Imaging", "Cancer",
    "Dementia", "Diabetes",
]  # fmt: skip


class Command(BaseCommand):
    help = "Bulk-create members, tags and articles (100,000 by default) for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--members", type=int, default=50)
        parser.add_argument("--people", type=int, default=300)
        parser.add_argument("--pages", type=int, default=500)
        parser.add_argument("--opportunities", type=int, default=2000)
        parser.add_argument("--events", type=int, default=2000)
        parser.add_argument("--publications", type=int, default=2_000)

    def handle(
        self,
        *args,
        articles,
        members,
        people,
        pages,
        opportunities,
        events,
        publications,
        **options,
    ):
        random.seed(5)
        call_command("seed_demo", verbosity=0)
        self.renditions()
        organisations = self.organisations(members)
        self.articles(articles, organisations)
        with transaction.atomic():
            self.people(people)
            self.pages(pages)
            self.opportunities(opportunities, organisations)
            self.events(events, organisations)
            self.publications(publications)
            self.index_unindexed()
        renew_every_generation()  # bulk inserts send no signals
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # plan queries on the data as it now is
        self.stdout.write(
            f"{Article.objects.count():,} articles, {Organisation.objects.count()} "
            f"organisations, {Tag.objects.count()} tags, {Person.objects.count()} people, "
            f"{Page.objects.count()} pages, {Opportunity.objects.count():,} opportunities, "
            f"{Event.objects.count():,} events, {Publication.objects.count():,} publications."
        )

    def renditions(self):
        """Make any rendition an image lacks. A database filled before a rendition was added
        (or whose media folder was since emptied) names files that are not there: the bench
        weighs the home page by fetching each, and a page would show a broken picture."""
        for field in IMAGEFIELDS:
            # One object per picture and crop centre: the bench's articles share the demo's.
            by_picture = [field.name, *filter(None, [field.ppoi_field])]
            kept = field.model._default_manager.exclude(**{field.name: ""})
            for picture in kept.order_by().values_list(*by_picture).distinct():
                instance = kept.filter(**dict(zip(by_picture, picture, strict=True))).first()
                for spec in field.formats:
                    getattr(instance, field.name).process(spec)

    def organisations(self, total):
        existing = Organisation.objects.count()
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Example Healthcare NHS Trust {n}",
                short_name=f"EHT{n}",
                slug=f"example-healthcare-{n}",
                summary="A member trust made up for the benchmark.",
                kind=Organisation.Kind.NHS_TRUST,
                is_member=n % 5 != 0,
            )
            for n in range(existing, total)
        )
        return list(Organisation.objects.values_list("pk", flat=True))

    def people(self, total):
        """People with a role today and one before each, every tenth article naming one."""
        existing = Person.objects.count()
        if existing >= total:
            return
        themes = list(ResearchTheme.objects.all())
        added = Person.objects.bulk_create(
            Person(honorific="Professor", name=f"Example Person {n}", slug=f"example-person-{n}",
                   biography=" ".join(random.choices(WORDS, k=40)).capitalize() + ".")
            for n in range(existing, total)
        )  # fmt: skip
        kinds = [Role.Kind.THEME_LEAD, Role.Kind.NON_EXECUTIVE_DIRECTOR, Role.Kind.DIRECTOR]
        today = timezone.localdate()
        Role.objects.bulk_create(
            role
            for n, person in enumerate(added)
            for role in (
                Role(person=person, kind=kinds[n % 3], starts_on=today - timedelta(days=400),
                     theme=themes[n % len(themes)] if n % 3 == 0 else None),
                Role(person=person, kind=Role.Kind.DIRECTOR, starts_on=today - timedelta(days=4000),
                     ends_on=today - timedelta(days=2000)),
            )
        )  # fmt: skip
        named = Article.objects.order_by("pk").values_list("pk", flat=True)[::10]
        Article.people.through.objects.bulk_create(
            Article.people.through(article_id=pk, person_id=added[i % len(added)].pk)
            for i, pk in enumerate(named)
        )

    def events(self, total, organisations):
        """Events a day apart, half past and half to come, each organised by a member and
        about a theme."""
        existing = Event.objects.count()
        if existing >= total:
            return
        now = timezone.now()
        themes = list(ResearchTheme.objects.values_list("pk", flat=True))
        added = []
        for n in range(existing, total):
            starts = now + timedelta(days=n - total // 2, hours=n % 9)
            event = Event(
                title=f"{random.choice(WORDS).capitalize()} seminar {n}",
                slug=f"example-seminar-{n}",
                summary=" ".join(random.choices(WORDS, k=20)).capitalize() + ".",
                body="<p>" + " ".join(random.choices(WORDS, k=200)) + ".</p>",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                venue="Example Building",
                status=Event.Status.PUBLISHED,
                publish_at=now - timedelta(days=400),
                organiser_id=organisations[n % len(organisations)],
            )
            event.settle_times()  # bulk_create skips save()
            added.append(event)
        added = Event.objects.bulk_create(added, batch_size=BATCH)
        Event.themes.through.objects.bulk_create(
            Event.themes.through(event_id=event.pk, researchtheme_id=themes[i % len(themes)])
            for i, event in enumerate(added)
        )

    def pages(self, total):
        """Sections of 50 live pages each, under one top-level page: a site far larger than
        the partnership's, so a section page lists many children."""
        existing = Page.objects.count()
        if existing >= total:
            return
        published = {
            "status": Page.Status.PUBLISHED,
            "publish_at": timezone.now() - timedelta(days=1),
        }
        text = " ".join(random.choices(WORDS, k=200)).capitalize() + "."
        for n in range(existing, total, 50):
            section = Page(title=f"Programme {n}", slug=f"programme-{n}", summary=text[:200],
                           body=f"<p>{text}</p>", **published)  # fmt: skip
            section.save()
            for child in range(n + 1, min(n + 50, total)):
                Page(parent=section, title=f"Project {child}", slug=f"project-{child}",
                     summary=text[:200], body=f"<p>{text}</p>", **published).save()  # fmt: skip

    def opportunities(self, total, organisations):
        """Live opportunities over ten years, a tenth still open, each about one member."""
        existing = Opportunity.objects.count()
        if existing >= total:
            return
        now = timezone.now()
        kinds = Opportunity.Kind.values
        text = " ".join(random.choices(WORDS, k=120)).capitalize() + "."
        added = Opportunity.objects.bulk_create(
            Opportunity(
                kind=kinds[n % len(kinds)], title=f"Example opportunity {n}",
                slug=f"example-opportunity-{n}", summary=text[:200], body=f"<p>{text}</p>",
                apply_url="https://apply.example.org/", status=Opportunity.Status.PUBLISHED,
                publish_at=now - timedelta(days=n * 2 + 30),
                opens_at=now - timedelta(days=n * 2 + 30),
                closes_at=now + timedelta(days=total // 10 - n, hours=n % 24),
            )
            for n in range(existing, total)
        )  # fmt: skip
        Opportunity.organisations.through.objects.bulk_create(
            Opportunity.organisations.through(
                opportunity_id=opportunity.pk, organisation_id=organisations[n % len(organisations)]
            )
            for n, opportunity in enumerate(added)
        )

    def publications(self, total):
        """Publications over twenty years, each with a long text, a theme and three authors."""
        existing = Publication.objects.count()
        if existing >= total:
            return
        themes = list(ResearchTheme.objects.values_list("pk", flat=True))
        people = list(Person.objects.values_list("pk", flat=True)[:50])
        kinds = Publication.Kind.values
        text = "".join(
            f"<h2>Part {part}</h2><p>{' '.join(random.choices(WORDS, k=150)).capitalize()}.</p>"
            for part in range(6)
        )
        today = timezone.localdate()
        added = Publication.objects.bulk_create(
            Publication(title=f"Example report {n}", slug=f"example-report-{n}",
                        kind=kinds[n % len(kinds)], summary="A report made up for the benchmark.",
                        body=text, published_on=today - timedelta(days=n * 3),
                        status=Publication.Status.PUBLISHED,
                        publish_at=timezone.now() - timedelta(days=1))
            for n in range(existing, total)
        )  # fmt: skip
        Publication.themes.through.objects.bulk_create(
            Publication.themes.through(
                publication_id=p.pk, researchtheme_id=themes[i % len(themes)]
            )
            for i, p in enumerate(added)
        )
        Author.objects.bulk_create(
            Author(publication=p, position=position, person_id=people[(i + position) % len(people)])
            if people and position < 2
            else Author(publication=p, position=position, name="Smith, John")
            for i, p in enumerate(added)
            for position in range(3)
        )

    def index_unindexed(self):
        """Bulk inserts send no signals, so the search index is filled here, in batches."""
        for model in INDEXED:
            unindexed = model.objects.filter(search_document__isnull=True).values_list("pk")
            while batch := [pk for (pk,) in unindexed[:BATCH]]:
                index(model, batch)

    def articles(self, total, organisations):
        existing = Article.objects.count()
        if existing >= total:
            return
        themes = list(ResearchTheme.objects.values_list("pk", flat=True))
        priorities = list(Priority.objects.values_list("pk", flat=True))
        tags = [Tag.objects.get_or_create(name=name)[0].pk for name in TOPICS]
        images = list(Article.objects.exclude(image="").values_list("image", flat=True))
        article_type = ContentType.objects.get_for_model(Article)
        links = {
            Article.organisations.through: ("organisation_id", organisations),
            Article.themes.through: ("researchtheme_id", themes),
            Article.priorities.through: ("priority_id", priorities),
        }
        now = timezone.now()
        # A transaction a batch: a run stopped part way goes on from the last batch it
        # committed (with other random links than an unbroken run would have made).
        for start in range(existing, total, BATCH):
            with transaction.atomic():
                batch = Article.objects.bulk_create(
                    _article(n, now, images) for n in range(start, min(start + BATCH, total))
                )
                _analyze(Article)
                for through, (column, choices) in links.items():
                    through.objects.bulk_create(
                        through(article_id=article.pk, **{column: pk})
                        for article in batch
                        for pk in random.sample(choices, random.randint(1, 2))
                    )
                TaggedItem.objects.bulk_create(
                    TaggedItem(content_type=article_type, object_id=article.pk, tag_id=pk)
                    for article in batch
                    for pk in random.sample(tags, random.randint(1, 3))
                )
            self.stdout.write(f"  {start + len(batch):,} articles")


def _analyze(model):
    """Tell PostgreSQL how large the table has grown. Each link's foreign key is checked at
    COMMIT by a query planned once per connection: planned against a new table's first
    guess at its size, it read every article to find one, and the last batches' COMMITs
    took minutes (17 minutes in all for 100,000 articles)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _article(n, now, images):
    words = random.sample(WORDS, 8)
    title = f"{' '.join(words[:6]).capitalize()} {n}"
    # Most news has a picture; the demo's pictures (and their renditions) are reused.
    image = random.choice(images) if images and n % 5 else ""
    paragraphs = "".join(
        f"<p>{' '.join(random.choices(WORDS, k=60)).capitalize()}.</p>" for _ in range(6)
    )
    return Article(
        title=title,
        slug=f"bench-{n}",
        summary=f"{' '.join(words).capitalize()}: a made-up article for the benchmark.",
        body=paragraphs,  # plain generated markup, safe as it is
        author="Benchmark",
        # Spread over ten years; a few drafts and a few scheduled for the future.
        publish_at=now - timedelta(minutes=random.randint(-5_000, 5_256_000)),
        status=Article.Status.DRAFT if n % 50 == 0 else Article.Status.PUBLISHED,
        featured=n % 500 == 7,
        image=image,
        image_width=1200 if image else None,
        image_height=675 if image else None,
        image_alt="A generated panel with words on it" if image else "",
    )
