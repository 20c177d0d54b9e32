from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from bhp.fields import RichTextField
from bhp.models import TimeStampedModel
from bhp.uploads import GeneratedName

RELATED_LIMIT = 3


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """Published articles whose publish time has come: the only ones the public sees.

        Scheduling needs no job: an article goes live when the clock passes `publish_at`.
        """
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def scheduled(self):
        """Published articles waiting for their publish time."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())

    def next_change(self):
        """When the public set of articles next changes by itself, or None if never.

        That is the earliest scheduled publish time: caches of public pages expire then.
        """
        return self.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def for_listing(self):
        """What a list of article cards shows, fetched in a fixed number of queries."""
        return self.defer("body").prefetch_related(*listing_prefetches())

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
    return [models.Prefetch("organisations", queryset=_linked_organisations()), "tags"]


def _linked_organisations():
    from members.models import Organisation

    return Organisation.objects.only("name", "short_name", "slug")


class Article(TimeStampedModel):
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
        help_text="One or two sentences that say what happened. Shown under the title, "
        "in listings and in search results.",
    )
    body = RichTextField(blank=True)
    image = models.ImageField(
        "main image",
        upload_to=GeneratedName("news"),
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "image alt text",
        max_length=250,
        blank=True,
        help_text="Say what the image shows for people who cannot see it. "
        "Required when there is an image.",
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
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are never public. Published articles go live at their publish time.",
    )
    featured = models.BooleanField(default=False, help_text="Featured articles lead the home page.")
    tags = TaggableManager(
        blank=True, help_text="Topics, separated by commas. Reuse existing tags where you can."
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
    created_by = _staff_member()
    updated_by = _staff_member()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [
            # Every public list: live articles in their listing order, ids straight from
            # the index (see bhp.pagecache.ContentPaginator).
            models.Index(fields=["status", "-publish_at", "-id"], name="article_listing_idx"),
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
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Describe the image for people who cannot see it."})

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def state(self):
        """Draft, Scheduled or Live: what staff need to know at a glance."""
        if self.status == self.Status.DRAFT:
            return "Draft"
        return "Live" if self.is_live else "Scheduled"

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
        # The newest few per kind of link, then the newest of those: each part walks the
        # listing index and stops early, where one query joining all four links at once
        # would read every article that shares anything.
        others = Article.objects.live().exclude(pk=self.pk).order_by("-publish_at", "-pk")
        newest_per_link = [
            others.filter(**{f"{relation}__in": getattr(self, relation).all()}).values("pk")[
                :RELATED_LIMIT
            ]
            for relation in ("organisations", "themes", "priorities", "tags")
        ]
        candidates = newest_per_link[0].union(*newest_per_link[1:], all=True)
        return list(Article.objects.filter(pk__in=candidates).for_listing()[:RELATED_LIMIT])
