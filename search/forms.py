from django import forms

from core.search import MAX_QUERY_LENGTH, clean_query


class QueryField(forms.CharField):
    """Whatever was typed, made searchable: NUL bytes dropped and long text cut short.

    A search box should always answer, so nothing here is an error.
    """

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(
        label="Search the site",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )

    def query(self):
        return self.cleaned_data["q"] if self.is_valid() else ""
