from django.db import models
from django.urls import reverse

from core.fields import RichTextField, WebAddressField
from core.models import ReviewedModel, ReviewedQuerySet, SingletonModel
from core.search import SearchFields


class StrategyItem(ReviewedModel):
    """What goals, themes and priorities share: a titled, ordered piece of the strategy."""

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of its web address."
    )
    summary = models.CharField(
        max_length=300, help_text="One or two sentences, shown in listings and search results."
    )
    description = RichTextField(blank=True)
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first on the strategy page."
    )

    class Meta:
        abstract = True
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class Goal(StrategyItem):
    class Meta(StrategyItem.Meta):
        pass


class ResearchTheme(StrategyItem):
    lead = models.CharField(
        max_length=200, blank=True, help_text="Who leads this theme, with their title."
    )

    class Meta(StrategyItem.Meta):
        verbose_name = "research theme"

    def get_absolute_url(self):
        return reverse("strategy:theme-detail", kwargs={"slug": self.slug})


class PriorityQuerySet(ReviewedQuerySet):
    def with_headline_figure(self):
        """Each priority with its first key statistic as `figure_value`, `figure_unit` and
        `figure_label` (None if it has none), in the same query: the home page shows one
        figure per priority."""
        first = KeyStatistic.objects.filter(priority=models.OuterRef("pk")).order_by("order", "pk")
        return self.annotate(
            **{
                f"figure_{name}": models.Subquery(first.values(name)[:1])
                for name in ("value", "unit", "label")
            }
        )


class Priority(StrategyItem):
    objects = PriorityQuerySet.as_manager()

    class Meta(StrategyItem.Meta):
        verbose_name = "health research priority"
        verbose_name_plural = "health research priorities"

    def get_absolute_url(self):
        return reverse("strategy:priority-detail", kwargs={"slug": self.slug})


class KeyStatistic(models.Model):
    """A figure that shows why a priority matters, always with where and when it came from."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="statistics")
    label = models.CharField(max_length=200, help_text="What is measured.")
    value = models.CharField(max_length=50, help_text="The figure, for example “7.9”.")
    unit = models.CharField(
        max_length=100, blank=True, help_text="For example “deaths per 1,000 live births”."
    )
    source = models.CharField(max_length=200, help_text="Who published the figure.")
    source_url = WebAddressField("source web address", blank=True)
    as_of = models.DateField("date of the figure")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit}".strip()


class StrategyPage(SingletonModel, ReviewedModel):
    """The strategy page's own words. There is one: it always has the primary key 1."""

    introduction = RichTextField()
    quote = models.TextField(blank=True)
    quote_attribution = models.CharField(max_length=200, blank=True)
    impact = RichTextField("our impact", blank=True)

    class Meta:
        verbose_name = "strategy page text"
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="one_strategy_page")]
        verbose_name_plural = "strategy page text"

    def __str__(self):
        return "Strategy page text"


# How the site search finds research themes and priorities; the vectors are stored by the
# search app (ResearchThemeSearchDocument and PrioritySearchDocument, see search.signals).
STRATEGY_FIELDS = SearchFields(
    {"title": "A", "summary": "B", "description": "C"},
    ("summary", "description"),
)


def LinkedToStrategy(noun, related_name):
    """An abstract model for content about members, research themes and health priorities:
    articles and pages (and whatever joins them), each reached back as `related_name`."""

    class LinkedToStrategy(models.Model):
        organisations = models.ManyToManyField(
            "members.Organisation",
            blank=True,
            related_name=related_name,
            verbose_name="members and partners",
            help_text=f"The organisations this {noun} is about.",
        )
        themes = models.ManyToManyField(
            ResearchTheme, blank=True, related_name=related_name, verbose_name="themes"
        )
        priorities = models.ManyToManyField(
            Priority,
            blank=True,
            related_name=related_name,
            verbose_name="health research priorities",
        )

        class Meta:
            abstract = True

    return LinkedToStrategy
