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
