from django import forms
from django.db.models import Exists, OuterRef

from strategy.models import ResearchTheme

from .models import Kind, Publication


class PublicationFilterForm(forms.Form):
    """The publications index's filters: type, research theme and year, combined.

    Only choices some live publication has are offered (`choices_in_use`, which views keep
    until content changes); anything else in the address is left out with a message.
    """

    kind = forms.ChoiceField(label="Type", required=False)
    theme = forms.ChoiceField(label="Research theme", required=False)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)

    template_name = "news/filter_fields.html"
    UNSUPPORTED = "There is nothing to show for that choice, so this filter was left out."
    EMPTY = {"kind": "Any type", "theme": "Any theme", "year": "Any year"}

    def __init__(self, data, choices):
        super().__init__(data)
        self.theme_pks = {slug: pk for pk, slug, _ in choices["theme"]}
        offered = {
            "kind": [(kind, Kind(kind).label) for kind in choices["kind"]],
            "theme": [(slug, title) for _, slug, title in choices["theme"]],
            "year": [(str(year), str(year)) for year in choices["year"]],
        }
        for name, field in self.fields.items():
            field.choices = [("", self.EMPTY[name]), *offered[name]]
            field.error_messages["invalid_choice"] = self.UNSUPPORTED

    @staticmethod
    def choices_in_use():
        """What live publications have: their types, themes (pk, slug, title) and years,
        newest first; three queries."""
        live = Publication.objects.live().order_by()
        kinds = set(live.values_list("kind", flat=True).distinct())
        themes = ResearchTheme.objects.filter(
            Exists(live.filter(themes=OuterRef("pk")))
        ).values_list("pk", "slug", "title")
        years = live.dates("published_on", "year", order="DESC")
        return {
            "kind": [kind for kind in Kind.values if kind in kinds],
            "theme": list(themes),
            "year": [day.year for day in years],
        }

    def _valid(self):
        self.is_valid()
        return {name: self.cleaned_data.get(name) or None for name in self.fields}

    def filters(self):
        """The valid filters, as keyword arguments for `PublicationQuerySet.about()`."""
        chosen = self._valid()
        return {
            "kind": chosen["kind"],
            "theme": self.theme_pks.get(chosen["theme"]),
            "year": chosen["year"],
        }

    def filters_key(self):
        return "&".join(f"{name}={value}" for name, value in self.filters().items())

    def is_filtered(self):
        return any(self.data.get(name) for name in self.fields)

    def active(self):
        """(label, the choice's name, the query string without it) per valid filter."""
        return [
            (field.label, dict(field.choices)[self.data[name]], self._query_without(name))
            for name, field in self.fields.items()
            if self._valid()[name] is not None
        ]

    def describe(self):
        """The filters chosen in words: "of type Evaluation about Mental health from 2022"."""
        chosen = self._valid()
        words = []
        if chosen["kind"]:
            words.append(f"of type {Kind(chosen['kind']).label}")
        if chosen["theme"]:
            words.append(f"about {dict(self.fields['theme'].choices)[chosen['theme']]}")
        if chosen["year"]:
            words.append(f"from {chosen['year']}")
        return " ".join(words)

    def without_filters(self):
        return self._query_without(*self.fields)

    def _query_without(self, *names):
        rest = self.data.copy()
        for key in [*names, "page", *(key for key in self.fields if not self.data.get(key))]:
            rest.pop(key, None)
        return rest.urlencode()
