from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import ngettext

from core.admin import HistoryAdmin, SingletonAdmin, SiteModelAdmin

from .delivery import deliver
from .models import Enquiry, PressPage, Topic


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "routed_to", "active", "order"]
    list_editable = ["active", "order"]
    list_filter = ["active"]
    search_fields = ["name", "addresses"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["groups"]
    fields = ["name", "slug", "hint", "addresses", "groups", "order", "active"]

    @admin.display(description="sent to")
    def routed_to(self, topic):
        return format_html_join(", ", "{}", ((address,) for address in topic.address_list()))


@admin.register(Enquiry)
class EnquiryAdmin(SiteModelAdmin):
    """Enquiries are read here, never edited: what the sender wrote stays as they wrote it.

    Each person sees the enquiries on their groups' topics (administrators see all), and
    none past the retention period: opening the list deletes those.
    """

    list_display = ["created_at", "name", "topic", "organisation", "state", "attempts"]
    list_display_links = ["created_at", "name"]
    list_filter = ["topic", "state", "created_at"]
    search_fields = ["name", "email", "organisation", "message"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    fields = [
        "topic",
        "name",
        "email",
        "organisation",
        "message",
        "created_at",
        "state",
        "error",
        "attempts",
        "delivered_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super().get_queryset(request).kept().readable_by(request.user).select_related("topic")
        )

    def changelist_view(self, request, extra_context=None):
        # Nobody has to remember to delete old enquiries: looking at them does it (as does
        # every new enquiry, and `manage.py purge_enquiries` for a daily cron job).
        Enquiry.objects.purge()
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("contact.resend_enquiry")

    @admin.action(description="Send the selected enquiries’ emails again", permissions=["resend"])
    def resend(self, request, queryset):
        sent = failed = 0
        for enquiry in queryset:
            if deliver(enquiry):
                sent += 1
            else:
                failed += 1
        if sent:
            self.message_user(
                request,
                ngettext("%d enquiry was emailed.", "%d enquiries were emailed.", sent) % sent,
                messages.SUCCESS,
            )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%d enquiry could not be emailed: the mail server did not take it. "
                    "Try again later; the error is shown on the enquiry.",
                    "%d enquiries could not be emailed: the mail server did not take them. "
                    "Try again later; the error is shown on each enquiry.",
                    failed,
                )
                % failed,
                messages.ERROR,
            )


@admin.register(PressPage)
class PressPageAdmin(SingletonAdmin):
    pass
