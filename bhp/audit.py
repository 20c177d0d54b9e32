"""The events the audit log tells apart, and the change messages that mark them.

The audit log is the admin's own history (`LogEntry`), which every admin save, delete and
action writes; `bhp.admin.LogEntryAdmin` shows it.
"""

from functools import reduce
from operator import or_

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.db.models import Q

# Events that matter more than an edit start their message with one of these.
PUBLISHED = "Published."
UNPUBLISHED = "Unpublished."
RESTORED = "Recovered after deletion"  # logged as an addition: the item exists again
REVERTED = "Restored the version"  # logged as a change, naming the version's date

SPECIAL = {
    "published": ("Published", PUBLISHED),
    "unpublished": ("Unpublished", UNPUBLISHED),
    "restored": ("Recovered after deletion", RESTORED),
    "reverted": ("Restored an earlier version", REVERTED),
}
PLAIN = {
    "added": ("Added", ADDITION),
    "changed": ("Changed", CHANGE),
    "deleted": ("Deleted", DELETION),
}


def _special(prefix):
    return Q(change_message__startswith=prefix)


def event_label(entry):
    """What happened in one log entry, in staff's words."""
    for label, prefix in SPECIAL.values():
        if entry.change_message.startswith(prefix):
            return label
    return next(label for label, flag in PLAIN.values() if flag == entry.action_flag)


class EventFilter(admin.SimpleListFilter):
    title = "what happened"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        events = {**PLAIN, **SPECIAL}
        order = ["added", "changed", "published", "unpublished", "deleted", "restored", "reverted"]
        return [(key, events[key][0]) for key in order]

    def queryset(self, request, queryset):
        value = self.value()
        if value in SPECIAL:
            return queryset.filter(_special(SPECIAL[value][1]))
        if value in PLAIN:
            special = reduce(or_, (_special(prefix) for _, prefix in SPECIAL.values()))
            return queryset.filter(action_flag=PLAIN[value][1]).exclude(special)
        return queryset
