"""Base classes for this project's admin: calm refusals of junk, and history for content."""

from contextlib import nullcontext

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from reversion import is_registered, set_comment
from reversion.errors import RevertError
from reversion.models import Version
from reversion.utils import mute_signals
from reversion_compare.admin import CompareVersionAdmin

from .audit import RESTORED, REVERTED
from .forms import ConflictCheckForm


class KeysOnlyAutocompleteMixin:
    """Shows again only the submitted choices that could be keys.

    When a form comes back with errors, Django's autocomplete looks up the submitted values
    as they are, so a forged one that cannot be a key ("abc", or a number too large for the
    database) made the page fail. The form's own error already explains such a value.
    """

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.model._meta
        key = target.get_field(getattr(self.field.remote_field, "field_name", target.pk.attname))
        return super().optgroups(name, [v for v in value if _could_be(key, v)], attr)


def _could_be(key, value):
    try:
        key.run_validators(key.to_python(value))
    except ValidationError:
        return False
    return True


class SafeAutocompleteSelect(KeysOnlyAutocompleteMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(KeysOnlyAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class SiteModelAdmin(admin.ModelAdmin):
    """The base for this project's admin classes: junk in the address is refused calmly."""

    def view_on_site(self, obj):
        # The page on the host the admin is used on. Django's own link goes through the
        # sites framework's record, which names one host (and port, in development).
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None

    def get_search_results(self, request, queryset, search_term):
        # PostgreSQL cannot compare text containing NUL; no real search contains one.
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            if request.method != "POST":
                raise
            # Another save took the same unique value (a page's address, a slug) between
            # this form's checks and its own save, which was rolled back. That save has
            # committed now, so checking the form again names the clash as a form error and
            # keeps what was typed; if the other was rolled back instead, this one saves.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            # A date drill-down number too large for a date is a bad filter like any other:
            # the admin then shows the unfiltered list with its own error note.
            raise IncorrectLookupParameters(error) from error

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            widget = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs.setdefault("widget", widget)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def image_preview(image, alt):
    """A thumbnail for admin lists (a logo's smallest rendition), described by its alt text.

    Admin classes that use it include css/admin.css in their Media, which sizes it.
    """
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" class="admin-thumbnail">', image.w160, alt)


class HistoryAdmin(SiteModelAdmin, CompareVersionAdmin):
    """For content staff edit: every save keeps a revision (who, when, what changed).

    Staff compare any two revisions and restore one from the History page. Bringing back
    something deleted is for those allowed to delete it, that is administrators.
    """

    form = ConflictCheckForm
    history_latest_first = True
    revision_form_template = "reversion/revision_form.html"
    recover_form_template = "reversion/recover_form.html"

    def get_fieldsets(self, request, obj=None):
        """The fieldsets, with the edit-conflict check's hidden field in the first one.

        An admin's own fieldsets need not list it (they once left it out, and the check
        never ran); staff who may only view have no edit to protect.
        """
        fieldsets = super().get_fieldsets(request, obj)
        if not issubclass(self.form, ConflictCheckForm):
            return fieldsets
        hidden = ConflictCheckForm.CONFLICT_FIELD
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != hidden]})
            for name, options in fieldsets
        ]
        if obj is None or self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], hidden]})
        return fieldsets

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "can_recover": self.has_delete_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    # django-reversion's revision and recover views revert the whole revision: every object
    # saved with this one went back too, and rows added to them since (preview links) were
    # deleted. These put back only this object and its own rows (see `restore`).

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Only a version of this admin's kind of item: an address naming another is refused.
        version = get_object_or_404(
            Version.objects.get_for_model(self.model), pk=version_id, object_id=unquote(object_id)
        )
        title = gettext("Revert %(name)s") % {"name": version.object_repr}
        context = {"title": title, "revert": True, **(extra_context or {})}
        return self.restore_view(request, version, self.revision_form_template, context)

    def recover_view(self, request, version_id, extra_context=None):
        if not (self.has_delete_permission(request) and self.has_add_permission(request)):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        title = gettext("Recover %(name)s") % {"name": version.object_repr}
        context = {"title": title, "recover": True, **(extra_context or {})}
        return self.restore_view(request, version, self.recover_form_template, context)

    def restore(self, version):
        """Put back the object `version` recorded, with its own rows (those of this admin's
        inlines whose history is kept) as they were then: rows deleted since come back and
        rows added since go.

        Nothing else saved in the same revision is touched, unlike django-reversion's
        `Revision.revert`: a bulk "Publish" or the demo load saves many objects in one
        revision.
        """
        notes = self.drop_deleted_relations(version)
        version.revert()
        for inline in self.inlines:
            if not is_registered(inline.model):
                continue
            key = self.foreign_key(inline).attname
            rows = [
                row
                for row in version.revision.version_set.get_for_model(inline.model)
                if str(row.field_dict[key]) == version.object_id
            ]
            current = inline.model._default_manager.filter(**{key: version.object_id})
            current.exclude(pk__in=[row.object_id for row in rows]).delete()
            for row in rows:
                row.revert()
        return notes

    def drop_deleted_relations(self, version):
        """Leave out of `version` what it links to that has since been deleted, and say
        what was left out: a page's section comes back empty (the page is restored at the
        top, to be put in another), a member deleted since is not linked again. A link
        that cannot be empty refuses the restore with a clear `RevertError`."""
        stored = version._object_version  # what `version.revert()` saves
        obj = stored.object
        kind = obj._meta.verbose_name
        notes = []
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname)
            if not field.many_to_one or value is None:
                continue
            if field.related_model._base_manager.filter(pk=value).exists():
                continue
            if not field.null:
                raise RevertError(
                    f"The {kind} “{version.object_repr}” cannot be restored as it was: the "
                    f"{field.verbose_name} it belonged to has since been deleted."
                )
            setattr(obj, field.attname, None)
            notes.append(
                f"The {field.verbose_name} this {kind} had when that version was saved has "
                f"since been deleted, so it is restored without one: choose another before "
                f"saving if it belongs elsewhere."
            )
        for name, keys in (stored.m2m_data or {}).items():
            field = obj._meta.get_field(name)
            there = {
                str(pk)
                for pk in field.related_model._base_manager.filter(pk__in=keys).values_list(
                    "pk", flat=True
                )
            }
            kept = [key for key in keys if str(key) in there]
            if len(kept) < len(keys):
                stored.m2m_data[name] = kept
                notes.append(
                    f"Some of the {field.verbose_name} this {kind} was linked to have since "
                    "been deleted, and are left out."
                )
        return notes

    def foreign_key(self, inline):
        """The field by which `inline`'s rows belong to this admin's object."""
        if inline.fk_name:
            return inline.model._meta.get_field(inline.fk_name)
        return next(
            field
            for field in inline.model._meta.get_fields()
            if field.many_to_one and field.related_model is self.model
        )

    def restore_view(self, request, version, template_name, extra_context):
        """The change form as `version` recorded the object; posting it restores that.

        Showing it changes nothing: what is put back to fill the form is rolled back.
        """
        saving = request.method == "POST"
        # Nothing is kept from showing a version, so nothing may hear of it either.
        quiet = (
            nullcontext()
            if saving
            else mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        )
        request.restoring = version  # for the message saying so (`message_user`)
        try:
            with transaction.atomic(using=version.db), quiet:
                for note in self.restore(version):
                    messages.warning(request, note)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, extra_context
                    )
                    restored = saving and response.status_code == 302
                    if restored:
                        when = localize(template_localtime(version.revision.date_created))
                        set_comment(
                            gettext("Reverted to previous version, saved on %(datetime)s")
                            % {"datetime": when}
                        )
                if not restored:
                    if response.status_code == 200:
                        # Rendered now, while the restored version is in the database.
                        response.template_name = template_name
                        response.render()
                    transaction.set_rollback(True, using=version.db)
        except (RevertError, ProtectedError, IntegrityError) as error:
            if isinstance(error, IntegrityError):
                # E.g. restored without its deleted section, at an address taken since.
                error = (
                    f"The {self.opts.verbose_name} “{version.object_repr}” cannot be restored "
                    "as it was: its address, or another value no two may share, has since "
                    "been taken. Change the other one first, or edit this one instead."
                )
            messages.error(request, str(error))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        return response

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # A restore saves through the change form, whose message would say "changed".
        version = getattr(request, "restoring", None)
        if version is not None and level == messages.SUCCESS:
            recovered = request.resolver_match.url_name.endswith("_recover")
            done = "recovered" if recovered else "restored"
            when = localize(template_localtime(version.revision.date_created))
            message = (
                f"The {self.opts.verbose_name} “{version.object_repr}” was {done} as it was "
                f"on {when}."
            )
        return super().message_user(request, message, level, *args, **kwargs)

    def log_change(self, request, obj, message):
        # Restoring goes through the change form; the audit log should say it was a restore.
        view = request.resolver_match.url_name if request.resolver_match else ""
        if view.endswith("_recover"):
            message = RESTORED
        elif view.endswith("_revision"):
            message = f"{REVERTED}."
        return super().log_change(request, obj, message)


class SingletonAdmin(HistoryAdmin):
    """For a page's own words, of which there is one (`core.models.SingletonModel`): its
    list goes straight to it, it is added once and it cannot be deleted."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        info = self.opts.app_label, self.opts.model_name
        page = self.model.objects.first()
        if page is not None:
            return redirect("admin:{}_{}_change".format(*info), page.pk)
        if self.has_add_permission(request):
            return redirect("admin:{}_{}_add".format(*info))
        return super().changelist_view(request, extra_context)
