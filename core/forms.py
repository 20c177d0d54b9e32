from datetime import datetime

from django import forms
from django.utils import timezone
from reversion.models import Version


class ConflictCheckForm(forms.ModelForm):
    """Refuses a save that would silently overwrite someone else's newer save.

    The form remembers when the object was last saved as the editor opened it. If it has
    been saved since, the save is refused, the message names who changed what, and the
    editor's own text stays in the form. Saving again then keeps the editor's version.

    The check locks the row until the surrounding transaction ends (the admin saves in
    one), so it must be validated inside one. `HistoryAdmin` renders `edit_started`
    whatever an admin's fieldsets say.
    """

    CONFLICT_FIELD = "edit_started"
    edit_started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["edit_started"] = self.instance.updated_at.isoformat()

    @property
    def changed_data(self):
        # The edit-start time always differs after a save; it is not a change staff made.
        return [name for name in super().changed_data if name != "edit_started"]

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        # Locked until the save is committed: a save sent at the same moment waits here,
        # then finds this one's time and is refused, rather than both passing the check.
        saved = (
            type(self.instance)
            ._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .first()
        )
        if saved is None:
            raise forms.ValidationError(
                "This was deleted while you were editing it. Copy anything you need from "
                "the form below; an administrator can restore it from its history."
            )
        started = self.data.get(self.add_prefix("edit_started"), "")
        current = saved.updated_at.isoformat()
        if started and started != current:
            # Offer the newer version as the new starting point: saving again is deliberate.
            self.data = self.data.copy()
            self.data[self.add_prefix("edit_started")] = current
            raise forms.ValidationError(self._conflict_message(saved, started))
        return cleaned_data

    def _conflict_message(self, saved, started):
        versions = Version.objects.get_for_object(saved).select_related("revision__user")
        latest = versions.first()
        # Not every model records who saved it last; its history does.
        who = getattr(saved, "updated_by", None) or (latest and latest.revision.user) or "someone"
        when = timezone.localtime(saved.updated_at).strftime("%H:%M on %d %B %Y")
        changed = self._fields_changed_since(saved, versions, latest, started)
        what = f" They changed: {', '.join(changed)}." if changed else " They may have changed it."
        return (
            f"{who} saved this at {when}, after you started editing, so your changes were "
            f"not saved.{what} Your version is still in the form below. Check theirs in the "
            "History page (it opens from the top of this page), then save again to keep yours."
        )

    def _fields_changed_since(self, saved, versions, latest, started):
        """Labels of the fields that differ between the revision the editor started from
        and the latest one."""
        try:
            started = datetime.fromisoformat(started)
        except ValueError:
            return []
        if timezone.is_naive(started):  # not a time this form wrote
            return []
        # A revision's time is when its request began, just before the save it records.
        base = versions.filter(revision__date_created__lte=started).first()
        if latest is None or base is None or base == latest:
            return []
        old, new = base.field_dict, latest.field_dict
        return [
            str(field.verbose_name)
            for field in saved._meta.get_fields()
            if getattr(field, "concrete", False)
            and field.editable
            and field.name in new
            and old.get(field.name) != new.get(field.name)
        ]
