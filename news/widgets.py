from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from taggit.forms import TagWidget
from taggit.models import Tag


class TagAutocompleteWidget(TagWidget):
    """Taggit's comma-separated input, offering existing tags as the editor types.

    A <datalist> works without script for the first tag; static/js/tag-autocomplete.js
    extends the suggestions to each tag after a comma.
    """

    template_name = "news/widgets/tag_input.html"

    class Media:
        js = ["js/tag-autocomplete.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs']['id']}-options"
        context["widget"]["options"] = Tag.objects.order_by("name").values_list("name", flat=True)
        return context


class ListedSelect(forms.Select):
    """A <select> of plain choices (no groups), written straight to HTML.

    Django renders each <option> through a template of its own: for the news filters'
    hundred or so options that cost more than the rest of the news page. Writing the same
    markup directly costs a small fraction of it.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(str(choice))}"{" selected" if str(choice) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for choice, label in self.choices
        )
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        # Every value and label in `options` is escaped above (by the standard library's
        # escape: Django's own is lazy-aware, which costs more than the escaping here).
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(options))  # noqa: S308
