from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import ngettext

from core.admin import SiteModelAdmin

from .models import Notification, Preference
from .tasks import enqueue_on_commit


@admin.register(Notification)
class NotificationAdmin(SiteModelAdmin):
    """The outbox, read-only: what was sent to whom, and what is still waiting or failed."""

    list_display = ["created_at", "subject", "address", "status", "attempts", "sent_at"]
    list_display_links = ["created_at", "subject"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "address", "event"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "event",
        "address",
        "user",
        "subject",
        "text",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.resend_notification")

    @admin.action(description="Send the selected emails again", permissions=["resend"])
    def send_again(self, request, queryset):
        # Sent ones stay sent: "again" is for what did not go, never a second copy.
        unsent = list(queryset.unsent().values_list("pk", flat=True))
        Notification.objects.filter(pk__in=unsent).update(
            status=Notification.Status.QUEUED, next_attempt_at=None
        )
        enqueue_on_commit(unsent)
        self.message_user(
            request,
            ngettext(
                "%d email will be sent again in a moment.",
                "%d emails will be sent again in a moment.",
                len(unsent),
            )
            % len(unsent),
            messages.SUCCESS,
        )
        if skipped := queryset.count() - len(unsent):
            self.message_user(
                request,
                ngettext(
                    "%d email had been sent already and was not sent again.",
                    "%d emails had been sent already and were not sent again.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )


@admin.register(Preference)
class PreferenceAdmin(SiteModelAdmin):
    """Each person's own notification settings, and nobody else's: every member of staff
    may open theirs, whatever their role."""

    fields = ["email"]

    def get_urls(self):
        mine = path(
            "mine/", self.admin_site.admin_view(self.mine), name="notifications_preference_mine"
        )
        return [mine, *super().get_urls()]

    def mine(self, request):
        preference, _ = Preference.objects.get_or_create(user=request.user)
        return redirect("admin:notifications_preference_change", preference.pk)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:notifications_preference_mine")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.user == request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
