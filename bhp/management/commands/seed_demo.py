"""Load the demo content: members, strategy, news with generated images, and demo logins.

Safe to run again: it only adds what is missing, so nothing staff changed is overwritten
and nothing is duplicated.
"""

import io
from datetime import date, datetime, timedelta
from functools import reduce
from operator import or_

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from bhp import demo_content
from documents.models import Document
from members.models import Organisation
from news.models import Article
from strategy.models import Goal, Priority, ResearchTheme, StrategyPage

DEMO_PASSWORD = "demo-password-for-bhp"  # noqa: S105 (only ever set when DEBUG is on)
DEMO_ACCOUNTS = [
    ("comms", "Casey", "Communications", "Communications"),
    ("admin", "Alex", "Administrator", "Administrators"),
]
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
                "goals": self.load_items(Goal, demo_content.GOALS),
                "themes": self.load_items(ResearchTheme, demo_content.THEMES),
                "priorities": self.load_priorities(),
                "articles": self.load_articles(),
                "documents": self.load_documents(),
            }
            if not StrategyPage.objects.exists():
                StrategyPage(**demo_content.STRATEGY_PAGE).save()
            if settings.DEBUG:
                self.create_demo_accounts()
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(f"Demo content loaded; newly created: {summary}.")
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off, so no demo staff accounts were created.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                "Demo staff logins for /admin/ (password for both: "
                f"{DEMO_PASSWORD}):\n"
                "  comms  - a communications officer (writes and publishes news)\n"
                "  admin  - an administrator (manages members, strategy and staff)"
            )
        )

    def load_organisations(self):
        count = 0
        for data in demo_content.ORGANISATIONS:
            data = dict(data)
            colour = data.pop("colour")
            data["other_names"] = "\n".join(data["other_names"])
            data["joined_on"] = data["joined_on"] and date.fromisoformat(data["joined_on"])
            data["left_on"] = data["left_on"] and date.fromisoformat(data["left_on"])
            if exists(Organisation, slug=data["slug"], name=data["name"]):
                continue
            organisation = Organisation(**data)
            label = organisation.short_name or organisation.name[:4]
            organisation.logo.save("logo.png", picture((240, 240), colour, label, 56), save=False)
            organisation.logo_alt = f"{organisation.name} logo"
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
        for data in demo_content.PRIORITIES:
            data = dict(data)
            statistics = data.pop("statistics")
            if exists(Priority, slug=data["slug"], title=data["title"]):
                continue
            priority = Priority.objects.create(**data)
            for order, stat in enumerate(statistics):
                priority.statistics.create(
                    order=order, **{**stat, "as_of": date.fromisoformat(stat["as_of"])}
                )
            count += 1
        return count

    def load_articles(self):
        new = []
        for index, data in enumerate(demo_content.ARTICLES):
            if exists(Article, slug=data["slug"], title=data["title"]):
                continue
            article = Article(
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                author=data["author"],
                status=data["status"],
                featured=data["featured"],
                publish_at=publish_time(data["publish_at"]),
                image_alt=data["image_alt"],
                image_caption=data["image_caption"],
            )
            colour = ARTICLE_COLOURS[index % len(ARTICLE_COLOURS)]
            article.image.save("image.jpg", picture((800, 450), colour, data["title"]), save=False)
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
        for data in demo_content.DOCUMENTS:
            if exists(Document, title=data["title"]):
                continue
            document = Document(
                title=data["title"],
                published_on=date.fromisoformat(data["published_on"]),
                description=data["description"],
            )
            document.file = pdf(data["pages"], name="report.pdf")
            document.full_clean()
            document.save()
            document.articles.set(Article.objects.filter(slug__in=data["articles"]))
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


def exists(model, **identifiers):
    """Whether any identifier matches, so a demo row that staff renamed is not made again."""
    return model.objects.filter(reduce(or_, (Q(**{k: v}) for k, v in identifiers.items()))).exists()


def publish_time(value):
    """An ISO date-time in UK time, or a timedelta from now for the scheduled example."""
    if isinstance(value, timedelta):
        return timezone.now() + value
    return timezone.make_aware(datetime.fromisoformat(value))


def picture(size, colour, text, font_size=44):
    """A plain generated graphic: a coloured panel with words on it, as a JPEG or PNG file."""
    width, height = size
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, width, 40):
        draw.line([(step, height), (step + height, 0)], fill=_shade(colour), width=14)
    font = ImageFont.load_default(size=font_size)
    lines = _wrap(draw, text, font, width - 2 * 60)
    y = height - 60 - len(lines) * int(font_size * 1.25)
    for line in lines:
        draw.text((60 if width > height else width // 2, y), line, font=font, fill="white",
                  anchor="la" if width > height else "ma")  # fmt: skip
        y += int(font_size * 1.25)
    buffer = io.BytesIO()
    image_format = "JPEG" if width > height else "PNG"
    image.save(buffer, format=image_format, quality=82, optimize=True)
    return ContentFile(buffer.getvalue())


def pdf(pages, name):
    """A real PDF with one A4 page (at 100 dpi) per text, drawn with Pillow."""
    images = []
    for text in pages:
        image = Image.new("RGB", (827, 1169), "white")
        draw = ImageDraw.Draw(image)
        font = ImageFont.load_default(size=36)
        y = 120
        for line in _wrap(draw, text, font, 827 - 2 * 80):
            draw.text((80, y), line, font=font, fill="#0b2545")
            y += 48
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    return ContentFile(buffer.getvalue(), name=name)


def _shade(colour):
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return (min(red + 18, 255), min(green + 18, 255), min(blue + 18, 255))


def _wrap(draw, text, font, max_width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line]
