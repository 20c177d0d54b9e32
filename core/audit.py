"""The events the audit log tells apart, and the change messages that mark them.

The audit log is the admin's own history (`LogEntry`), which every admin save, delete and
action writes; the site's `LogEntryAdmin` shows it.
"""

import json
from functools import reduce
from operator import or_

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models import Q

# Changes that matter more than an edit start their message with one of these.
PUBLISHED = "Published."
UNPUBLISHED = "Unpublished."
RESTORED = "Restored after it was deleted."
REVERTED = "Went back to an earlier version"
DEACTIVATED = "Deactivated: can no longer sign in."
SUBMITTED = "Submitted for review."
CHANGES_REQUESTED = "Changes requested."
APPROVED = "Approved."
# The review workflow's steps (workflow/), by action.
REVIEW_MARKS = {"submit": SUBMITTED, "request_changes": CHANGES_REQUESTED, "approve": APPROVED}
# Published although a check another app adds (a member's sign-off) had not passed.
PUBLISHED_ANYWAY = "Published anyway:"

SPECIAL_CHANGES = {
    "published": ("Published", PUBLISHED),
    "unpublished": ("Unpublished", UNPUBLISHED),
    "restored": ("Restored after deletion", RESTORED),
    "reverted": ("Went back to an earlier version", REVERTED),
    "deactivated": ("Deactivated an account", DEACTIVATED),
    "submitted": ("Submitted for review", SUBMITTED),
    "changes_requested": ("Changes requested", CHANGES_REQUESTED),
    "approved": ("Approved", APPROVED),
    "published_anyway": ("Published anyway, overriding a check", PUBLISHED_ANYWAY),
}
PLAIN = {
    "added": ("Added", ADDITION),
    "changed": ("Changed", CHANGE),
    "deleted": ("Deleted", DELETION),
}


def marked(prefix, message):
    """A change message that starts with one of the prefixes above, so the log tells the
    event apart, followed by the admin's own account of the fields that changed."""
    details = LogEntry(change_message=json.dumps(message)).get_change_message()
    return f"{prefix} {details}".strip()


def _special(prefix):
    return Q(action_flag=CHANGE, change_message__startswith=prefix)


def event_label(entry):
    """What happened in one log entry, in staff's words."""
    if entry.is_change():
        for label, prefix in SPECIAL_CHANGES.values():
            if entry.change_message.startswith(prefix):
                return label
    return next(label for label, flag in PLAIN.values() if flag == entry.action_flag)


class EventFilter(admin.SimpleListFilter):
    title = "what happened"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        events = {**PLAIN, **SPECIAL_CHANGES}
        order = [
            "added",
            "changed",
            "published",
            "unpublished",
            "deleted",
            "restored",
            "reverted",
            "deactivated",
            "submitted",
            "changes_requested",
            "approved",
            "published_anyway",
        ]
        return [(key, events[key][0]) for key in order]

    def queryset(self, request, queryset):
        value = self.value()
        if value in SPECIAL_CHANGES:
            return queryset.filter(_special(SPECIAL_CHANGES[value][1]))
        if value == "changed":
            special = reduce(or_, (_special(prefix) for _, prefix in SPECIAL_CHANGES.values()))
            return queryset.filter(action_flag=CHANGE).exclude(special)
        if value in PLAIN:
            return queryset.filter(action_flag=PLAIN[value][1])
        return queryset
