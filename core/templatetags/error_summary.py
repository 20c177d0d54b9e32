"""The box at the top of an admin form that comes back with errors: each problem, linked to
its field, so nobody has to hunt down the page for a message under one field."""

from dataclasses import dataclass

from django import template
from django.forms import MultiWidget
from django.forms.forms import NON_FIELD_ERRORS

register = template.Library()


@dataclass(frozen=True)
class Problem:
    label: str
    message: str
    anchor: str  # the id to go to, or "" when there is no field to go to


def field_problems(form, prefix=""):
    """Each message under one of `form`'s fields, with the id of the control to go to."""
    for name, messages in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue  # the admin shows those right above the summary already
        if name in form.fields:
            field = form[name]
            label = str(field.label)
            anchor = "" if field.is_hidden else _control_id(field)
        else:
            label, anchor = name, ""
        for message in messages:
            yield Problem(f"{prefix}{label}", message, anchor)


def _control_id(field):
    """The id of the control to go to: for a date and time in two boxes, the date's."""
    if isinstance(field.field.widget, MultiWidget) and field.auto_id:
        return f"{field.auto_id}_0"
    return field.id_for_label or ""


def inline_problems(formset, name):
    """The problems of one inline table: its own (too many rows) and each row's."""
    for message in formset.non_form_errors():
        yield Problem(name, message, f"{formset.prefix}-group")
    for number, form in enumerate(formset.forms):
        prefix = f"{name}, row {number + 1}: "
        for message in form.non_field_errors():
            yield Problem(prefix.rstrip(": "), message, f"{formset.prefix}-{number}")
        yield from field_problems(form, prefix)


@register.inclusion_tag("admin/includes/error_summary.html")
def error_summary(adminform, inline_admin_formsets):
    problems = list(field_problems(adminform.form))
    for inline in inline_admin_formsets:
        name = str(inline.opts.verbose_name_plural)
        problems += inline_problems(inline.formset, name[:1].upper() + name[1:])
    return {"problems": problems}
