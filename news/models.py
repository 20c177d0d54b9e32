from datetime import timedelta
from functools import reduce
from operator import or_

import reversion
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from core.fields import RichTextField
from core.images import CARD, FOCAL_POINTS, PictureField
from core.models import ReviewedModel, ReviewedQuerySet
from core.richtext import heading_order_problems, vague_links
from core.search import SearchFields
from core.uploads import GeneratedName

from .tags import SlugMatchingTaggableManager

RELATED_LIMIT = 3
SHARE_LINK_LIFETIME = timedelta(days=7)
# A draft shared for longer than this has probably been forgotten.
SHARE_LINK_MAX_LIFETIME = timedelta(days=30)
SHARE_LINK_SALT = "news.sharelink"


class ArticleQuerySet(ReviewedQuerySet):
    def live(self):
        """Published articles whose publish time has come: the only ones the public sees.

        Scheduling needs no job: an article goes live when the clock passes `publish_at`,
        and stops being public when it passes `unpublish_at`.
        """
        now = timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Article.Status.PUBLISHED,
            publish_at__lte=now,
        )

    def scheduled(self):
        """Published articles waiting for their publish time."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())

    def next_change(self):
        """When the public set of articles next changes by itself, or None if never.

        That is the earliest scheduled publish time or take-down time still to come:
        caches of public pages expire then.
        """
        now = timezone.now()
        published = self.filter(status=Article.Status.PUBLISHED)
        # Each is an index probe; a single aggregate over both read every article.
        probes = [
            published.filter(**{f"{field}__gt": now})
            .order_by(field)
            .values_list(field, flat=True)[:1]
            for field in ("publish_at", "unpublish_at")
        ]
        if connection.features.supports_slicing_ordering_in_compound:
            times = probes[0].union(*probes[1:], all=True).order_by()
        else:  # SQLite (development): one query each.
            times = [time for probe in probes for time in probe]
        return min(times, default=None)

    def expired(self):
        """Published articles whose take-down time has passed."""
        return self.filter(
            status=Article.Status.PUBLISHED,
            publish_at__lte=timezone.now(),
            unpublish_at__lte=timezone.now(),
        )

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def for_listing(self):
        """Articles for a list: everything but the body. Cards fetch what else they show
        (`listing_prefetches`) only for the cards not already rendered."""
        return self.defer("body")

    def about(self, *, tag=None, organisation=None, theme=None, priority=None, year=None):
        """Articles matching every filter given; filters left as None are ignored."""
        filters = {
            "tags": tag,
            "organisations": organisation,
            "themes": theme,
            "priorities": priority,
            "publish_at__year": year,
        }
        return self.filter(**{key: value for key, value in filters.items() if value is not None})


def _staff_member():
    """Who created or last changed something; kept as history, so never required."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


def listing_prefetches():
    """The related rows an article card shows; for `prefetch_related(_objects)`."""
    return [models.Prefetch("organisations", queryset=_linked_organisations())]


def _linked_organisations():
    from members.models import Organisation

    return Organisation.objects.only("name", "short_name", "slug")


# Registered here, not left to the admin, which would also follow the preview-link inline:
# a link is revoked by deleting it, so no restore may bring one back, nor take away one
# made since.
@reversion.register()
class Article(ReviewedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the article’s web address. Filled in from the title; "
        "avoid changing it once the article is live, as links to it would break.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences that say what happened. Shown under the title, "
        "in listings and in search results. Needed before the article is published.",
    )
    body = RichTextField(blank=True)
    image = PictureField(
        "main image",
        upload_to=GeneratedName("news"),
        blank=True,
        width_field="image_width",
        height_field="image_height",
        ppoi_field="image_focus",
        renditions=CARD,
        help_text="A photo or picture for the article: JPEG, PNG, WebP or GIF.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_focus = models.CharField(
        "keep in view",
        max_length=20,
        default="0.5x0.5",
        choices=FOCAL_POINTS,
        help_text="Listings show the image cut to a wide shape: choose the part to keep.",
    )
    image_decorative = models.BooleanField(
        "the image is decorative",
        default=False,
        help_text="Tick only if the image adds no information, so screen readers skip it.",
    )
    image_alt = models.CharField(
        "image alt text",
        max_length=250,
        blank=True,
        help_text="Say what the image shows for people who cannot see it. "
        "Required unless the image is decorative.",
    )
    image_caption = models.CharField(max_length=300, blank=True)
    image_credit = models.CharField(max_length=200, blank=True)
    author = models.CharField(
        max_length=200, blank=True, help_text="The byline. Leave empty for no byline."
    )
    publish_at = models.DateTimeField(
        "publish date and time",
        default=timezone.now,
        help_text="A time in the future schedules the article: it goes live by itself then.",
    )
    unpublish_at = models.DateTimeField(
        "take down at",
        null=True,
        blank=True,
        help_text="Optional. The article stops being public at this time, by itself.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are never public. Published articles go live at their publish time.",
    )
    featured = models.BooleanField(default=False, help_text="Featured articles lead the home page.")
    tags = TaggableManager(
        blank=True,
        help_text="Topics, separated by commas. Reuse existing tags where you can.",
        manager=SlugMatchingTaggableManager,
    )
    organisations = models.ManyToManyField(
        "members.Organisation",
        blank=True,
        related_name="articles",
        verbose_name="members and partners",
        help_text="The organisations this article is about.",
    )
    themes = models.ManyToManyField(
        "strategy.ResearchTheme", blank=True, related_name="articles", verbose_name="themes"
    )
    priorities = models.ManyToManyField(
        "strategy.Priority",
        blank=True,
        related_name="articles",
        verbose_name="health research priorities",
    )
    related_articles = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        help_text="Up to three articles to suggest after this one. Leave empty to suggest "
        "the latest articles about the same members, themes or tags.",
    )
    documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="articles",
        help_text="Reports and other files to offer for download with the article.",
    )
    people = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="articles",
        verbose_name="people named",
        help_text="The people this article is about or quotes; it is listed on their pages.",
    )
    byline_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bylined_articles",
        verbose_name="author’s page",
        help_text="Links the byline to the author’s page. Filled in when you save if the "
        "byline is exactly the name of someone on the website.",
    )
    created_by = _staff_member()
    updated_by = _staff_member()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [
            # Every public list: live articles in their listing order, ids straight from
            # the index (see pagecache.paginator.ContentPaginator).
            models.Index(
                fields=["status", "-publish_at", "-id"],
                include=["unpublish_at"],
                name="article_listing_idx",
            ),
            # The next take-down time, for caches that must expire then (`next_change`).
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="article_take_down_idx",
            ),
            # The home page's few featured articles, without walking all the others.
            models.Index(
                fields=["-publish_at", "-id"],
                condition=Q(featured=True),
                name="article_featured_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:article-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.unpublish_at and self.publish_at and self.unpublish_at <= self.publish_at:
            errors["unpublish_at"] = ["The take-down time must be after the publish time."]
        if self.status == self.Status.PUBLISHED:
            errors = self.publish_problems() | errors
        if errors:
            raise ValidationError(errors)

    def publish_problems(self):
        """What must be fixed before this article may be public, as {field: [messages]}.

        Drafts may be incomplete; these checks only block publishing.
        """
        problems = {}
        if not self.summary.strip():
            problems["summary"] = ["Write a summary: listings and search results show it."]
        if self.image and not (self.image_alt.strip() or self.image_decorative):
            problems["image_alt"] = [
                "Describe the image for people who cannot see it, "
                "or tick “the image is decorative”."
            ]
        body_problems = [
            *(
                f"Link {number} says “{text or 'nothing'}”: make the link text say where "
                "it goes, e.g. “the 2025 annual report”."
                for number, text in vague_links(self.body)
            ),
            *heading_order_problems(self.body),
        ]
        if body_problems:
            problems["body"] = body_problems
        return problems

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def state(self):
        """Draft, Scheduled, Live or Expired: what staff need to know at a glance."""
        if self.status == self.Status.DRAFT:
            return "Draft"
        if self.is_live:
            return "Live"
        return "Scheduled" if self.publish_at > timezone.now() else "Expired"

    def related(self):
        """Up to three live articles to read next.

        The ones staff chose, else the newest sharing a member, theme, priority or tag.
        The query count is fixed, however many candidates there are.
        """
        chosen = list(
            self.related_articles.live().exclude(pk=self.pk).for_listing()[:RELATED_LIMIT]
        )
        if chosen:
            return chosen
        links = ("organisations", "themes", "priorities", "tags")
        others = Article.objects.live().exclude(pk=self.pk).order_by("-publish_at", "-pk")
        sharing = [others.filter(**{f"{link}__in": getattr(self, link).all()}) for link in links]
        if connection.features.supports_slicing_ordering_in_compound:
            # The newest few per kind of link, then the newest of those: each part walks the
            # listing index and stops at its third match. One query testing all four links
            # at once was planned as four hashes of every article sharing anything, slow on
            # a large archive.
            newest = [articles.values("pk")[:RELATED_LIMIT] for articles in sharing]
            candidates = newest[0].union(*newest[1:], all=True)
        else:  # SQLite (development): one query over all four links.
            candidates = reduce(or_, sharing).values("pk")
        return list(Article.objects.filter(pk__in=candidates).for_listing()[:RELATED_LIMIT])


class ShareLinkQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(expires_at__gt=timezone.now())


def _in_a_week():
    return timezone.now() + SHARE_LINK_LIFETIME


class ShareLink(models.Model):
    """Lets a reviewer without an account see one article before it is public.

    The link carries a signed token, so it cannot be guessed. It stops working when it
    expires or when staff delete it (which revokes it).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links")
    expires_at = models.DateTimeField(
        "expires", default=_in_a_week, help_text="The link stops working after this time."
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    created_by = _staff_member()

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link for “{self.article}”"

    def get_absolute_url(self):
        return reverse("news:shared-preview", kwargs={"token": self.token})

    @staticmethod
    def check_expiry(expires_at):
        """Refuse an expiry time that has passed, or that is further off than a link may
        last (`SHARE_LINK_MAX_LIFETIME`)."""
        now = timezone.now()
        days = SHARE_LINK_MAX_LIFETIME.days
        if expires_at <= now:
            raise ValidationError(
                "That time has passed: choose when the link should stop working, "
                "up to %(days)d days from now.",
                code="expired",
                params={"days": days},
            )
        latest = now + SHARE_LINK_MAX_LIFETIME
        if expires_at > latest:
            raise ValidationError(
                "A preview link can last at most %(days)d days: choose a time no later "
                "than %(latest)s.",
                code="too_long",
                params={"days": days, "latest": f"{timezone.localtime(latest):%d/%m/%Y %H:%M}"},
            )

    @property
    def token(self):
        return signing.Signer(salt=SHARE_LINK_SALT).sign(str(self.pk))

    @classmethod
    def from_token(cls, token):
        """The valid link a token names, or None for a forged, expired or revoked one."""
        try:
            pk = int(signing.Signer(salt=SHARE_LINK_SALT).unsign(token))
        except (signing.BadSignature, ValueError):
            return None
        return cls.objects.valid().select_related("article").filter(pk=pk).first()


# How articles are searched, on the site and in the admin. The vector is stored, as
# articles are many: the search app keeps it (ArticleSearchDocument, see search.signals).
ARTICLE_FIELDS = SearchFields(
    {"title": "A", "summary": "B", "body": "C", "author": "D"},
    ("summary", "body"),
    stored="search_document__vector",
)
