from django import forms
from django.core.validators import validate_slug
from taggit.models import Tag, TaggedItem

from members.models import Organisation
from strategy.models import Priority, ResearchTheme


class SlugChoiceField(forms.ModelChoiceField):
    """Choose an object by its slug from the query string.

    Anything that cannot be a slug (NUL bytes, 10,000 characters of junk) is refused
    before it reaches the database.
    """

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            validate_slug(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None
        return super().to_python(value)


class NewsFilterForm(forms.Form):
    """The news index's filters; each one narrows the list and all can be combined."""

    tag = SlugChoiceField(Tag.objects.none(), empty_label="Any topic", label="Topic")
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
        coerce=int, empty_value=None, required=False, label="Year", choices=[]
    )

    def __init__(self, data, *, live_articles):
        super().__init__(data)
        # Offer only tags and years that some live article has, so no filter leads nowhere
        # and no draft's tag is revealed.
        tagged = TaggedItem.objects.filter(
            content_type__app_label="news",
            content_type__model="article",
            object_id__in=live_articles.values("pk"),
        )
        self.fields["tag"].queryset = Tag.objects.filter(pk__in=tagged.values("tag_id"))
        years = live_articles.dates("publish_at", "year", order="DESC")
        self.fields["year"].choices = [("", "Any year")] + [(d.year, d.year) for d in years]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = (
                "There is nothing to show for that choice, so this filter was left out."
            )

    def filters(self):
        """The valid filters, as keyword arguments for `ArticleQuerySet.about()`."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "tag": data.get("tag"),
            "organisation": data.get("member"),
            "theme": data.get("theme"),
            "priority": data.get("priority"),
            "year": data.get("year"),
        }
