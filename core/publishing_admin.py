"""The publishing workflow in the admin, for every model built on `core.publishing`.

`PublishingAdmin` gives a model's admin the status filter, the Publish and Unpublish
actions, the "Save and preview" button, the readability guide, who created and last changed
it, the publish permission (`<app>.publish_<model>`), the audit log's publish marks and
preview links for reviewers (`ShareLinkInline`, subclassed with the model's link model).
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from .addresses import site_url
from .admin import HistoryAdmin
from .audit import PUBLISHED, UNPUBLISHED, marked
from .inlines import BoundedInlineFormSet, TabularInline
from .localtimes import LocalSplitDateTimeField
from .publishing import Status
from .readability import admin_summary
from .search import search

PREVIEW = "_preview"
# The fields only staff who may publish can change: each can put an item live or take it down.
PUBLISHING_FIELDS = ["status", "publish_at", "unpublish_at"]


class ShareLinkForm(forms.ModelForm):
    def has_changed(self):
        # A new row is there because someone pressed "Add another preview link": keeping
        # its suggested expiry still asks for a link (Django skips unchanged new rows).
        return self.instance._state.adding or super().has_changed()

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        # Only a time someone chose now: a link that has since expired must not stop the
        # item being saved.
        if self.instance._state.adding or "expires_at" in self.changed_data:
            self.instance.check_expiry(expires_at)
        return expires_at


class ShareLinkFormSet(BoundedInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            # Django's table gives each row's box no label of its own.
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this link (revokes it)"


class ShareLinkInline(TabularInline):
    """Preview links for reviewers; subclasses name the `model` (a `ShareLinkBase`)."""

    form = ShareLinkForm
    formset = ShareLinkFormSet
    extra = 0  # every new row is one someone added: see ShareLinkForm.has_changed
    fields = ["expires_at", "link", "created_by", "created_at"]
    readonly_fields = ["link", "created_by", "created_at"]
    verbose_name = "preview link for a reviewer"
    verbose_name_plural = "Preview links for reviewers (tick “Delete” to revoke one)"

    class Media:
        js = ["js/copy-link.js"]

    def get_formset(self, request, obj=None, **kwargs):
        # Links are shown in full, on the site's public address, to be sent as they are.
        # Safe to keep on the inline: the admin makes new inline instances per request.
        self.site_url = site_url(request)
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description="link to send")
    def link(self, obj):
        if not obj.pk:
            return "Save to make the link."
        url = self.site_url + obj.get_absolute_url()
        return format_html('<a href="{}" data-copy>{}</a>', url, url)


class StateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("scheduled", "Scheduled"),
            ("live", "Live"),
            ("expired", "Expired"),
        ]

    def queryset(self, request, queryset):
        return {
            "draft": queryset.drafts,
            "scheduled": queryset.scheduled,
            "live": queryset.live,
            "expired": queryset.expired,
        }.get(self.value(), queryset.all)()


class PublishingAdmin(HistoryAdmin):
    searched = None  # the model's `core.search.SearchFields`
    readonly_fields = ["readability", "created_at", "created_by", "updated_at", "updated_by"]
    actions = ["publish", "unpublish"]
    save_on_top = True
    # Every date and time staff type is UK time: one the clocks skip is refused with a reason
    # naming the change, and one that happens twice is its first (core.localtimes). Articles,
    # pages, events, opportunities and publications all publish at such times.
    formfield_overrides = {
        models.DateTimeField: {
            "form_class": LocalSplitDateTimeField,
            "widget": widgets.AdminSplitDateTime,
        }
    }

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/readability.js"]

    def get_search_results(self, request, queryset, search_term):
        # The site search's engine (stemming, phrases, -excluded), keeping the list's order.
        if not search_term.strip():
            return queryset, False
        return search(queryset, self.searched, search_term, rank=False), False

    def changeable(self, request, queryset):
        """Those of `queryset` this user may change; the actions touch no other."""
        return queryset

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Moving either time can put an item live or take it down: that is publishing.
            readonly += PUBLISHING_FIELDS
        return readonly

    def publish_problems(self, item):
        """What stops the Publish action publishing `item`, as {field: [messages]}: its own
        checks, and those a subclass adds (another app's, such as a sign-off still awaited)."""
        return item.publish_problems()

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if obj.status == Status.PUBLISHED:
            # Added straight as published is still publishing: the audit's filter finds it.
            self.log_change(request, obj, PUBLISHED)
        return entry

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        if add or "status" not in form.changed_data:
            return message
        # Logged as the "Publish" and "Unpublish" actions log it, so the audit finds it.
        published = form.instance.status == Status.PUBLISHED
        return marked(PUBLISHED if published else UNPUBLISHED, message)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring an old revision restores its status too, so it is a publishing decision.
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for link in formset.save(commit=False):
            link.created_by = link.created_by or request.user
            link.save()
        for link in formset.deleted_objects:
            link.delete()

    def response_add(self, request, obj, post_url_continue=None):
        if PREVIEW in request.POST:
            return HttpResponseRedirect(obj.get_absolute_url())
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if PREVIEW in request.POST:
            return HttpResponseRedirect(obj.get_absolute_url())
        return super().response_change(request, obj)

    @admin.display(description="how easy to read")
    def readability(self, obj):
        return admin_summary(obj.body)

    # Drafts first, then published by time: past (Live) before future (Scheduled).
    @admin.display(description="status", ordering=("status", "publish_at"))
    def state_label(self, obj):
        if obj.state == "Scheduled":
            # Written the one way the admin writes times (bhp/formats).
            when = date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
            return f"Scheduled for {when}"
        return obj.state

    @admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()
        ready, blocked = [], []
        for item in self.changeable(request, queryset).drafts():
            problems = self.publish_problems(item)
            (blocked if problems else ready).append((item, problems))
            # A draft's publish time defaults to when it was started; publishing it now
            # should put it at the top of lists, not months down.
            item.publish_at = max(item.publish_at, now)
        ready = [item for item, _ in ready]
        if ready:
            self._set_status(request, ready, Status.PUBLISHED, PUBLISHED)
        if blocked:
            reasons = [f"“{item}”: {self._first_problem(problems)}" for item, problems in blocked]
            self.message_user(
                request,
                "Not published, because they need fixing first (open each to see it all): "
                + "; ".join(reasons),
                messages.WARNING,
            )
        elif not ready:
            self.message_user(
                request,
                f"Nothing to publish: the selected {self.opts.verbose_name_plural} are "
                "published already.",
                messages.INFO,
            )
        scheduled = sum(item.publish_at > now for item in ready)
        if scheduled:
            self.message_user(
                request,
                f"{scheduled} {model_ngettext(self.opts, scheduled)} "
                + (
                    "has a publish time in the future: it goes live then."
                    if scheduled == 1
                    else "have a publish time in the future: they go live then."
                ),
                messages.INFO,
            )

    @staticmethod
    def _first_problem(problems):
        first = next(iter(problems.values()))[0]
        more = sum(len(each) for each in problems.values()) - 1
        return first + (f" (and {more} more to fix)" if more else "")

    @admin.action(
        description="Unpublish selected %(verbose_name_plural)s (back to draft)",
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        published = list(self.changeable(request, queryset).exclude(status=Status.DRAFT))
        if not published:
            self.message_user(
                request,
                f"Nothing to unpublish: the selected {self.opts.verbose_name_plural} are "
                "drafts already.",
                messages.INFO,
            )
            return
        self._set_status(request, published, Status.DRAFT, UNPUBLISHED)

    def _set_status(self, request, items, status, message):
        # Each save is a revision, so the status change shows in every item's history.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(message)
            for item in items:
                item.status = status
                item.updated_by = request.user
                item.save(update_fields=["status", "publish_at", "updated_by", "updated_at"])
        LogEntry.objects.log_actions(request.user.pk, items, CHANGE, message)
        label = Status(status).label.lower()
        self.message_user(
            request,
            f"{len(items)} {model_ngettext(self.opts, len(items))} set to {label}.",
            messages.SUCCESS,
        )
