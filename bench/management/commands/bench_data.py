"""Fill a database with a large, realistic site quickly, for `make bench`."""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from members.models import Organisation
from news.models import Article
from pages.models import Page
from people.models import Person, Role
from publications.models import Author, Publication
from search.signals import index_articles
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
        parser.add_argument("--publications", type=int, default=2_000)

    def handle(self, *args, articles, members, people, pages, publications, **options):
        random.seed(5)
        call_command("seed_demo", verbosity=0)
        with transaction.atomic():
            organisations = self.organisations(members)
            self.articles(articles, organisations)
            self.people(people)
            self.pages(pages)
            self.publications(publications)
            self.index_unindexed()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # plan queries on the data as it now is
        self.stdout.write(
            f"{Article.objects.count():,} articles, {Organisation.objects.count()} "
            f"organisations, {Tag.objects.count()} tags, {Person.objects.count()} people, "
            f"{Page.objects.count()} pages, {Publication.objects.count():,} publications."
        )

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
        unindexed = Article.objects.filter(search_document__isnull=True).values_list("pk")
        while batch := [pk for (pk,) in unindexed[:BATCH]]:
            index_articles(batch)

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
        for start in range(existing, total, BATCH):
            batch = Article.objects.bulk_create(
                _article(n, now, images) for n in range(start, min(start + BATCH, total))
            )
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
