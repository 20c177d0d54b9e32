"""Admin inlines for every model of the project: use these, not Django's own.

A formset's management form says how many rows a save sends. Django builds that many
forms, up to a thousand beyond the inline's maximum, before it refuses too many; a forged
count of 100,000 kept a worker busy for seconds. These refuse any count beyond the rows
the object has plus `NEW_ROWS`, and build no more forms than that.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

# More new rows than anyone adds to one item in one save, by clicking "Add another".
NEW_ROWS = 50


class BoundedInlineFormSet(BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": (
            f"At most {NEW_ROWS} rows can be added in one save. Nothing was saved: save "
            "some of them, then add the rest."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # The rows saved already (which the forms need anyway) plus the new ones.
            self.absolute_max = min(self.absolute_max, len(self.get_queryset()) + NEW_ROWS)

    def clean(self):
        super().clean()
        # Fewer rows than were shown: the missing ones would be left out of the save.
        if self.total_form_count() < self.initial_form_count():
            raise ValidationError(
                "This form did not send every row it showed, so nothing was saved. "
                "Reload the page and make your changes again.",
                code="rows_missing",
            )


class TabularInline(admin.TabularInline):
    formset = BoundedInlineFormSet


class StackedInline(admin.StackedInline):
    formset = BoundedInlineFormSet
