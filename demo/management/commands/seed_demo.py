"""Load the demo content: members, strategy, news with generated images, and demo logins.

Safe to run again: it only adds what is missing, so nothing staff changed is overwritten
and nothing is duplicated.
"""

from datetime import datetime, time, timedelta
from functools import reduce
from operator import or_

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from contact.models import PressPage, Topic
from demo import content
from demo.images import logo, pdf, scene_alt, scene_picture
from demo.portraits import portrait
from documents.models import Document
from events.models import Event
from members.models import Organisation
from news.models import Article
from opportunities.models import Opportunity
from pages.models import Page
from people.mentions import MentionFinder as PersonFinder
from people.models import Person, Role
from publications.models import Author, Publication
from strategy.models import Goal, Priority, ResearchTheme, StrategyPage

DEMO_PASSWORD = "demo-password-for-bhp"  # noqa: S105 (only ever set when DEBUG is on)
DEMO_ACCOUNTS = [
    ("comms", "Casey", "Communications", "Communications"),
    ("admin", "Alex", "Administrator", "Administrators"),
    ("contributor", "Priya", "Shah", "Contributors"),
]
# What an event links to, by the slugs the demo data gives.
LINKS = {
    "organiser": Organisation,
    "organisations": Organisation,
    "themes": ResearchTheme,
    "priorities": Priority,
    "people": Person,
}
ARTICLE_COLOURS = ["#003b5c", "#00594f", "#5c2d91", "#8a1538", "#1d4f91", "#3d5229"]


class Command(BaseCommand):
    help = "Load demo content (idempotent). Demo staff logins are created only when DEBUG is on."

    def handle(self, *args, **options):
        # All or nothing; the report comes after, so a closed terminal cannot undo the load.
        # Each new item starts its history with this load, so staff can always go back to it.
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment("Demo content loaded.")
            created = {
                "organisations": self.load_organisations(),
                "goals": self.load_items(Goal, content.GOALS),
                "themes": self.load_items(ResearchTheme, content.THEMES),
                "priorities": self.load_priorities(),
                "articles": self.load_articles(),
                "documents": self.load_documents(),
                "people": self.load_people(),
                "pages": self.load_pages(),
                "opportunities": self.load_opportunities(),
                "events": self.load_events(),
                "publications": self.load_publications(),
            }
            if not StrategyPage.objects.exists():
                StrategyPage(**content.STRATEGY_PAGE).save()
            created["contact topics"] = self.load_topics()
            if not PressPage.objects.exists():
                PressPage(**content.PRESS_PAGE).save()
            if settings.DEBUG:
                self.create_demo_accounts()
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(f"Demo content loaded; newly created: {summary}.")
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off, so no demo staff accounts were created.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                "Demo staff logins for /admin/ (password for each: "
                f"{DEMO_PASSWORD}):\n"
                "  comms  - a communications officer (writes and publishes news)\n"
                "  admin  - an administrator (manages members, strategy and staff)\n"
                "  contributor - a member trust's writer (submits news for review)"
            )
        )

    def load_organisations(self):
        count = 0
        for index, data in enumerate(content.ORGANISATIONS):
            data = dict(data)
            colour = data.pop("colour")
            data["other_names"] = "\n".join(data["other_names"])
            if exists(Organisation, slug=data["slug"], name=data["name"]):
                continue
            organisation = Organisation(**data)
            mark, shape = logo(colour, index)
            organisation.logo.save("logo.png", mark, save=False)
            organisation.logo_alt = f"{organisation.name} logo: {shape}"
            organisation.full_clean()
            organisation.save()
            count += 1
        return count

    def load_items(self, model, items):
        count = 0
        for data in items:
            if not exists(model, slug=data["slug"], title=data["title"]):
                model.objects.create(**data)
                count += 1
        return count

    def load_priorities(self):
        count = 0
        for data in content.PRIORITIES:
            data = dict(data)
            statistics = data.pop("statistics")
            if exists(Priority, slug=data["slug"], title=data["title"]):
                continue
            priority = Priority.objects.create(**data)
            for order, stat in enumerate(statistics):
                priority.statistics.create(order=order, **stat)
            count += 1
        return count

    def load_articles(self):
        new = []
        for index, data in enumerate(content.ARTICLES):
            if exists(Article, slug=data["slug"], title=data["title"]):
                continue
            colour = ARTICLE_COLOURS[index % len(ARTICLE_COLOURS)]
            article = Article(
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                author=data["author"],
                status=data["status"],
                featured=data["featured"],
                publish_at=publish_time(data),
                image_alt=scene_alt(data["image_scene"], colour),
                image_caption=data["image_caption"],
            )
            article.image.save(
                "image.jpg", scene_picture(data["image_scene"], colour, index), save=False
            )
            article.full_clean()
            article.save()
            article.tags.add(*data["tags"])
            article.organisations.set(Organisation.objects.filter(slug__in=data["organisations"]))
            article.themes.set(ResearchTheme.objects.filter(slug__in=data["themes"]))
            article.priorities.set(Priority.objects.filter(slug__in=data["priorities"]))
            new.append((article, data["related"]))
        # Related articles can point forwards in the list, so link them once all exist.
        for article, related in new:
            article.related_articles.set(Article.objects.filter(slug__in=related))
        return len(new)

    def load_documents(self):
        count = 0
        for data in content.DOCUMENTS:
            if exists(Document, title=data["title"]):
                continue
            document = Document(
                title=data["title"],
                published_on=data["published_on"],
                description=data["description"],
            )
            document.file = pdf(data["pages"], name="report.pdf")
            document.full_clean()
            document.save()
            document.articles.set(Article.objects.filter(slug__in=data["articles"]))
            count += 1
        return count

    def load_publications(self):
        """Published, with their authors in order and the PDF named by its document title."""
        count = 0
        for data in content.PUBLICATIONS:
            data = dict(data)
            if exists(Publication, slug=data["slug"]):
                continue
            links = {name: data.pop(name) for name in ("themes", "priorities", "organisations")}
            authors, pdf = data.pop("authors"), data.pop("pdf", None)
            articles = Article.objects.filter(slug__in=data.pop("articles", []))
            publication = Publication(**data, status=Publication.Status.PUBLISHED)
            publication.publish_at = timezone.now() - timedelta(days=1)
            publication.pdf = Document.objects.filter(title=pdf).first() if pdf else None
            publication.full_clean()
            publication.save()
            publication.themes.set(ResearchTheme.objects.filter(slug__in=links["themes"]))
            publication.priorities.set(Priority.objects.filter(slug__in=links["priorities"]))
            publication.organisations.set(
                Organisation.objects.filter(slug__in=links["organisations"])
            )
            for position, author in enumerate(authors):
                Author.objects.create(
                    publication=publication,
                    position=position,
                    person=Person.objects.filter(slug=author.get("person")).first(),
                    organisation=Organisation.objects.filter(
                        slug=author.get("organisation")
                    ).first(),
                    name=author.get("name", ""),
                )
            for article in articles:
                article.related_publications.add(publication)
            count += 1
        return count

    def load_people(self):
        """The people and their roles; each new person is linked to the articles naming them."""
        new = []
        for data in content.PEOPLE:
            data = dict(data)
            roles, background, figure = data.pop("roles"), *data.pop("colours")
            organisations = data.pop("organisations", [])
            data["other_names"] = "\n".join(data.get("other_names", []))
            if exists(Person, slug=data["slug"]):
                continue
            person = Person(**data)
            person.photo.save("portrait.jpg", portrait(background, figure), save=False)
            person.photo_alt = f"Placeholder portrait of {person.titled_name}"
            person.full_clean()
            person.save()
            person.organisations.set(Organisation.objects.filter(slug__in=organisations))
            for role_data in roles:
                role_data = dict(role_data)
                theme, priority = role_data.pop("theme", None), role_data.pop("priority", None)
                role = Role(person=person, **role_data)
                role.theme = ResearchTheme.objects.filter(slug=theme).first()
                role.priority = Priority.objects.filter(slug=priority).first()
                role.full_clean()
                role.save()
            new.append(person)
        finder = PersonFinder(new)
        for article in Article.objects.all() if new else []:
            article.people.add(*finder.find(article.title, article.summary, article.body))
        return len(new)

    def load_topics(self):
        count = 0
        for data in content.TOPICS:
            data = dict(data)
            groups = data.pop("groups")
            data["addresses"] = f"{data.pop('mailbox')}@{settings.EMAIL_DOMAIN}"
            if exists(Topic, slug=data["slug"], name=data["name"]):
                continue
            topic = Topic(**data)
            topic.full_clean()
            topic.save()
            topic.groups.set(Group.objects.filter(name__in=groups))
            count += 1
        return count

    def load_pages(self):
        count = 0
        for data in content.PAGES:
            data = dict(data)
            parent = data.pop("parent", None)
            path = f"{parent}/{data['slug']}" if parent else data["slug"]
            links = {name: data.pop(name, []) for name in ("organisations", "themes", "priorities")}
            section = Page.objects.filter(path=parent).first() if parent else None
            # Made already, or its section has been moved away by staff: leave it be.
            if exists(Page, path=path, title=data["title"]) or (parent and not section):
                continue
            page = Page(
                parent=section,
                status=Page.Status.PUBLISHED,
                publish_at=timezone.now() - timedelta(days=30),
                communications_may_edit=data.pop("communications_may_edit", True),
                **data,
            )
            page.full_clean()
            page.save()
            page.organisations.set(Organisation.objects.filter(slug__in=links["organisations"]))
            page.themes.set(ResearchTheme.objects.filter(slug__in=links["themes"]))
            page.priorities.set(Priority.objects.filter(slug__in=links["priorities"]))
            count += 1
        return count

    def load_opportunities(self):
        """Open and closed opportunities, their times set from today (UK time)."""
        count = 0
        today = timezone.localdate()
        for data in content.OPPORTUNITIES:
            data = dict(data)
            links = {name: data.pop(name, []) for name in ("organisations", "themes", "priorities")}
            contact = data.pop("contact_person", None)
            hour, minute = map(int, data.pop("closes_at_time").split(":"))
            opens_in, closes_in = data.pop("opens_in_days"), data.pop("closes_in_days")
            if exists(Opportunity, slug=data["slug"], title=data["title"]):
                continue
            opportunity = Opportunity(
                status=Opportunity.Status.PUBLISHED,
                publish_at=timezone.now() + timedelta(days=min(opens_in, 0) - 1),
                opens_at=local_time(today + timedelta(days=opens_in), 9, 0),
                closes_at=local_time(today + timedelta(days=closes_in), hour, minute),
                contact_person=Person.objects.filter(slug=contact).first(),
                **data,
            )
            opportunity.full_clean()
            opportunity.save()
            opportunity.organisations.set(
                Organisation.objects.filter(slug__in=links["organisations"])
            )
            opportunity.themes.set(ResearchTheme.objects.filter(slug__in=links["themes"]))
            opportunity.priorities.set(Priority.objects.filter(slug__in=links["priorities"]))
            count += 1
        return count

    def load_events(self):
        """Events a few weeks either side of today, so the demo always has some to come."""
        count = 0
        today = timezone.localdate()
        for data in content.EVENTS:
            data = dict(data)
            if exists(Event, slug=data["slug"]):
                continue
            links = {name: data.pop(name) for name in LINKS}
            day = today + timedelta(days=data.pop("starts_in_days"))
            hour, minute = map(int, data.pop("start_time").split(":"))
            starts = local_time(day, hour, minute)
            hours = data.pop("hours")
            event = Event(**data, starts_at=starts, ends_at=starts + timedelta(hours=hours))
            event.status = Event.Status.PUBLISHED
            event.publish_at = timezone.now() - timedelta(days=120)
            event.organiser = Organisation.objects.filter(slug=links.pop("organiser")).first()
            event.full_clean()
            event.save()
            for name, model in LINKS.items():
                if name in links:
                    getattr(event, name).set(model.objects.filter(slug__in=links[name]))
            count += 1
        return count

    def create_demo_accounts(self):
        User = get_user_model()
        for username, first_name, last_name, group in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first_name, "last_name": last_name, "is_staff": True},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.add(Group.objects.get(name=group))


def local_time(day, hour, minute):
    """`day` at a time on the UK clock."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def exists(model, **identifiers):
    """Whether any identifier matches, so a demo row that staff renamed is not made again."""
    return model.objects.filter(reduce(or_, (Q(**{k: v}) for k, v in identifiers.items()))).exists()


def publish_time(data):
    """The article's date-time in UK time, or some days from now for the scheduled example."""
    if "publish_in_days" in data:
        return timezone.now() + timedelta(days=data["publish_in_days"])
    return timezone.make_aware(data["publish_at"])
