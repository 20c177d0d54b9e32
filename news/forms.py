from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, F, IntegerField, Max, Min, OuterRef, Subquery, Value
from django.db.models.functions import Cast, ExtractYear
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import strip_tags
from taggit.models import Tag, TaggedItem

from core.forms import ConflictCheckForm
from members.mentions import MentionFinder
from members.models import Organisation
from people.mentions import MentionFinder as PersonFinder
from people.models import Person
from strategy.models import Priority, ResearchTheme

from .models import RELATED_LIMIT, Article
from .tags import check_tag_name, spellings_of
from .widgets import ListedSelect, TagAutocompleteWidget


class SlugChoiceField(forms.ChoiceField):
    """Choose an object by its slug from the query string, among the choices offered
    (`offered`: slug -> primary key), cleaned to the object's primary key.

    Anything not offered (a stale slug, NUL bytes, 10,000 characters of junk) is refused
    without a query, and what is offered needs none either. `queryset` names the objects
    that may be offered (`NewsFilterForm.choices_in_use`); a form never evaluates it, so it
    is not a ModelChoiceField, which copies its queryset twice for every form made.
    """

    widget = ListedSelect
    offered = {}
    labels = {}

    def __init__(self, queryset, *, empty_label, **kwargs):
        super().__init__(required=False, **kwargs)
        self.queryset, self.empty_label = queryset, empty_label

    def offer(self, options):
        """Offer these (pk, slug, label) choices, and accept only their slugs."""
        self.offered = {slug: pk for pk, slug, _ in options}
        self.labels = {slug: label for _, slug, label in options}
        listed = [(slug, label) for _, slug, label in options]
        self.choices = lambda: [("", self.empty_label), *listed]  # lazily: see NewsFilterForm

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value not in self.offered:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return self.offered[value]

    def validate(self, value):
        # Checked against the slugs offered in to_python(), which gives a primary key.
        forms.Field.validate(self, value)


def month_choices():
    # Given as a function: a list of choices is copied for every form made.
    return [("", "Any month"), *((number, MONTHS[number]) for number in range(1, 13))]


class NewsFilterForm(forms.Form):
    """The news index's filters; each one narrows the list and all can be combined."""

    tag = SlugChoiceField(Tag.objects.all(), empty_label="Any topic", label="Topic")
    member = SlugChoiceField(
        Organisation.objects.only("name", "slug"),
        empty_label="Any organisation",
        label="Organisation",
    )
    theme = SlugChoiceField(
        ResearchTheme.objects.only("title", "slug"), empty_label="Any theme", label="Research theme"
    )
    priority = SlugChoiceField(
        Priority.objects.only("title", "slug"), empty_label="Any priority", label="Health priority"
    )
    year = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Year",
        choices=[],
        widget=ListedSelect,
    )
    # Every month is offered: the old site's month archives (/2022/02/) lead here.
    month = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Month",
        choices=month_choices,
        widget=ListedSelect,
    )

    # Filter name -> the Article relation it follows.
    RELATIONS = {"member": "organisations", "theme": "themes", "priority": "priorities"}

    template_name = "news/filter_fields.html"
    UNSUPPORTED = "There is nothing to show for that choice, so this filter was left out."

    def __init__(self, data, choices=None):
        """`choices` are what to offer, as `choices_in_use()` gives them: views pass a kept
        copy, since working them out reads every live article."""
        super().__init__(data)
        if choices is None:
            choices = self.choices_in_use()
        # Choices are given as callables, listed only when needed: a page without filters
        # never lists them (its fields' markup is kept, see render()), and listing them
        # costs more than the rest of the form.
        for name in self.RELATIONS.keys() | {"tag"}:
            self.fields[name].offer(choices[name])
        self.fields["year"].choices = lambda: [("", "Any year"), *choices["year"]]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = self.UNSUPPORTED

    @classmethod
    def choices_in_use(cls):
        """Every filter's choices in two queries: (pk, slug, label) per field, years apart.

        Only what some live article has is offered, so no choice leads to an empty list and
        no draft's tag is revealed.

        Each candidate is kept if a scalar subquery finds one live article linked to it,
        which PostgreSQL answers with an index probe that stops at the first match. Asking
        `pk IN (every live article's links)` instead hashed every link of every live
        article, which grows with the archive.
        """
        live = Article.objects.live().order_by()
        labels = {"tag": "name", "member": "name", "theme": "title", "priority": "title"}
        positions = {"theme": F("order"), "priority": F("order")}
        parts = [
            cls._in_use(name, live)
            .annotate(
                choice_kind=Value(name),
                choice_label=F(labels[name]),
                choice_position=positions.get(name, Value(0)),
            )
            .values_list("choice_kind", "pk", "slug", "choice_label", "choice_position")
            for name in ("tag", *cls.RELATIONS)
        ]
        parts += cls._years(live)
        rows = sorted(parts[0].union(*parts[1:]), key=lambda row: (row[4], row[3], -row[1]))
        choices = {name: [] for name in cls.base_fields}
        for kind, pk, slug, label, _ in rows:
            choices[kind].append((pk, pk) if kind == "year" else (pk, slug, label))
        return choices

    @classmethod
    def _in_use(cls, name, live):
        """The choices of field `name` that some live article links to."""
        if name == "tag":
            # Probed from the tag's side, along the index migration 0008 adds; the content
            # type is named by its id (kept by Django), as a join would stop the index's use.
            links = TaggedItem.objects.filter(
                tag=OuterRef("pk"), content_type=ContentType.objects.get_for_model(Article)
            ).filter(Exists(live.filter(pk=OuterRef("object_id"))))
        else:
            links = live.filter(**{cls.RELATIONS[name]: OuterRef("pk")})
        return (
            cls.base_fields[name]
            .queryset.order_by()
            .annotate(live_article=Subquery(links.values("pk")[:1]))
            .filter(live_article__isnull=False)
        )

    @staticmethod
    def _years(live):
        """Parts of the choices query giving each year with live news, as (kind, year, ...).

        One part per year between the oldest and newest live article; on PostgreSQL each
        stops at its first article, rather than reading every live article for a dozen years.
        """
        span = live.aggregate(oldest=Min("publish_at"), newest=Max("publish_at"))
        if span["oldest"] is None:
            return []
        years = live.annotate(
            choice_kind=Value("year"),
            choice_year=Cast(ExtractYear("publish_at"), IntegerField()),
            choice_slug=Value(""),
            choice_label=Value(""),
            choice_position=Value(0),
        ).values_list(
            "choice_kind", "choice_year", "choice_slug", "choice_label", "choice_position"
        )
        first, last = (timezone.localtime(span[end]).year for end in ("oldest", "newest"))
        parts = [years.filter(publish_at__year=year) for year in range(first, last + 1)]
        if connection.features.supports_slicing_ordering_in_compound:
            parts = [part[:1] for part in parts]
        return parts

    def filters_key(self):
        """Names the valid filters chosen, for the cache keys of what they list."""
        return "&".join(f"{name}={value}" for name, value in self.filters().items())

    def is_filtered(self):
        return any(self.data.get(name) for name in self.fields)

    def active(self):
        """The valid filters chosen, each as (field label, the choice's name, the query string
        without it), for chips that remove one filter at a time. Names come from the choices
        offered, so this costs no query."""
        return [(self.fields[name].label, shown, rest) for name, shown, rest in self._chosen()]

    def without_filters(self):
        """The query string with every filter taken out (a search's words stay)."""
        return self._query_without(*self.fields)

    def describe(self):
        """The chosen filters in words, as in "about Aston University and Clinical trials in
        2025"; "" when none is chosen."""
        chosen = {name: shown for name, shown, _ in self._chosen()}
        year = " ".join(filter(None, [chosen.pop("month", None), chosen.pop("year", None)]))
        words = []
        if chosen:
            *others, last = chosen.values()
            words.append("about " + (f"{', '.join(others)} and {last}" if others else last))
        if year:
            words.append(f"in {year}")
        return " ".join(words)

    def _chosen(self):
        self.is_valid()
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value is not None:
                if name in ("year", "month"):
                    shown = str(MONTHS[value] if name == "month" else value)
                else:
                    shown = field.labels[self.data[name]]
                yield name, shown, self._query_without(name)

    def _query_without(self, *names):
        """The query string less `names`, the page number and the filters left blank (the
        form sends every field, chosen or not)."""
        rest = self.data.copy()
        for key in [*names, "page", *(key for key in self.fields if not self.data.get(key))]:
            rest.pop(key, None)
        return rest.urlencode()

    def filters(self):
        """The valid filters, as keyword arguments for `ArticleQuerySet.about()`: primary
        keys of the chosen tag, member, theme and priority, and the year."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "tag": data.get("tag"),
            "organisation": data.get("member"),
            "theme": data.get("theme"),
            "priority": data.get("priority"),
            "year": data.get("year"),
            "month": data.get("month"),
        }


class ArticleAdminForm(ConflictCheckForm):
    class Meta:
        model = Article
        fields = "__all__"  # the admin's fieldsets choose what is shown
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "tags": TagAutocompleteWidget}

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        for name in tags:
            check_tag_name(name)
        return tags

    def clean_related_articles(self):
        related = self.cleaned_data["related_articles"]
        if self.instance.pk and related.filter(pk=self.instance.pk).exists():
            raise forms.ValidationError("An article cannot be related to itself.")
        count = related.count()
        if count > RELATED_LIMIT:
            raise forms.ValidationError(
                "Choose up to %(limit)d related articles; you chose %(count)d.",
                params={"limit": RELATED_LIMIT, "count": count},
            )
        return related


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        same = next((tag for tag in spellings_of(name) if tag.pk != self.instance.pk), None)
        if same:
            # Articles typing either spelling would get the existing tag (see news.tags).
            raise forms.ValidationError(
                "There is already a tag for this: “%(tag)s”. Rename that one instead, or "
                "merge the two from the list of tags.",
                params={"tag": same.name},
            )
        return name


def _suggestions_field(model, label, help_text):
    return forms.ModelMultipleChoiceField(
        model.objects.none(),  # the ones named, per article: see MentionSuggestionsForm
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        help_text=help_text,
    )


class MentionSuggestionsForm(ArticleAdminForm):
    """The article form, proposing to link the organisations and people its saved text
    names (`link_suggestions()` links those ticked, once the article's own relations are
    saved), and linking the byline to the author's page when it is exactly their name."""

    # Suggestion field -> (the Article relation it adds to, the finder of what text names,
    # what is said when everything named is linked already).
    SUGGESTIONS = {
        "suggested_organisations": (
            "organisations",
            MentionFinder,
            "None: every organisation named in the saved text is linked.",
        ),
        "suggested_people": (
            "people",
            PersonFinder,
            "None: everyone named in the saved text is linked.",
        ),
    }

    suggested_organisations = _suggestions_field(
        Organisation,
        "Named in the text",
        "Organisations the title, summary or body name but which are not linked yet. Tick "
        "the ones this article is about to link them; leave the rest unticked.",
    )
    suggested_people = _suggestions_field(
        Person,
        "Named in the text",
        "People the title, summary or body name but who are not linked yet. Tick the ones "
        "this article is about to link them; leave the rest unticked.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.instance
        text = (article.title, article.summary, strip_tags(article.body)) if article.pk else ()
        for name, (relation, finder, none_left) in self.SUGGESTIONS.items():
            if name not in self.fields:
                continue
            mentioned = []
            if text:
                linked = set(getattr(article, relation).values_list("pk", flat=True))
                mentioned = [found.pk for found in finder().find(*text) if found.pk not in linked]
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.filter(pk__in=mentioned)
            if not mentioned:
                field.help_text = none_left

    def clean(self):
        cleaned = super().clean()
        if "byline_person" not in self.fields or "byline_person" in self.changed_data:
            return cleaned  # staff chose the page themselves
        author = cleaned.get("author", "")
        if "author" in self.changed_data or (author and not cleaned.get("byline_person")):
            # A new byline links to its author's page, or to none if it names nobody listed.
            cleaned["byline_person"] = PersonFinder().named_exactly(author) if author else None
        return cleaned

    def link_suggestions(self):
        """Link the organisations and people ticked among those the text names."""
        for name, (relation, _, _) in self.SUGGESTIONS.items():
            if name in self.cleaned_data:
                getattr(self.instance, relation).add(*self.cleaned_data[name])
