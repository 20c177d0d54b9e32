from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import timezone
from django.utils.translation import ngettext

from bhp.admin import SiteModelAdmin

from .forms import ArticleAdminForm
from .models import Article


class StateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("live", "Live")]

    def queryset(self, request, queryset):
        return {
            "draft": queryset.drafts,
            "scheduled": queryset.scheduled,
            "live": queryset.live,
        }.get(self.value(), queryset.all)()


@admin.register(Article)
class ArticleAdmin(SiteModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "state_label", "publish_at", "author", "featured", "updated_at"]
    list_filter = [StateFilter, "featured", "organisations", "themes", "priorities", "tags"]
    search_fields = ["title", "summary", "body", "author"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisations", "themes", "priorities", "related_articles"]
    filter_horizontal = ["documents"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    actions = ["publish", "unpublish"]
    list_per_page = 50
    save_on_top = True

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "author"]}),
        (
            "Publishing",
            {"fields": ["status", "publish_at", "unpublish_at", "featured", "review_by"]},
        ),
        (
            "Main image",
            {
                "fields": [
                    "image",
                    "image_focus",
                    "image_alt",
                    "image_decorative",
                    "image_caption",
                    "image_credit",
                ]
            },
        ),
        ("What it is about", {"fields": ["tags", "organisations", "themes", "priorities"]}),
        ("Downloads", {"fields": ["documents"]}),
        ("Read next", {"fields": ["related_articles"]}),
        (
            "History",
            {
                "fields": [("created_at", "created_by"), ("updated_at", "updated_by")],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.get_full_name(),
            **super().get_changeform_initial_data(request),
        }

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def has_publish_permission(self, request):
        return request.user.has_perm("news.publish_article")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    # Drafts first, then published by time: past (Live) before future (Scheduled).
    @admin.display(description="status", ordering=("status", "publish_at"))
    def state_label(self, obj):
        return obj.state

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish(self, request, queryset):
        # A draft's publish time defaults to when it was started; publishing it now should
        # put it at the top of the news, not months down. Future times stay scheduled.
        queryset.drafts().filter(publish_at__lt=timezone.now()).update(publish_at=timezone.now())
        self._set_status(request, queryset, Article.Status.PUBLISHED)
        scheduled = queryset.filter(publish_at__gt=timezone.now()).count()
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%d article has a publish time in the future: it goes live then.",
                    "%d articles have a publish time in the future: they go live then.",
                    scheduled,
                )
                % scheduled,
                messages.INFO,
            )

    @admin.action(
        description="Unpublish selected articles (back to draft)", permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # One update and one batch of history entries, however many articles are selected.
        changing = list(queryset.exclude(status=status).only("pk", "title"))
        Article.objects.filter(pk__in=[article.pk for article in changing]).update(
            status=status, updated_by=request.user, updated_at=timezone.now()
        )
        label = Article.Status(status).label
        LogEntry.objects.log_actions(request.user.pk, changing, CHANGE, f"Status set to {label}.")
        self.message_user(
            request,
            ngettext(
                "%(count)d article set to %(status)s.",
                "%(count)d articles set to %(status)s.",
                len(changing),
            )
            % {"count": len(changing), "status": label.lower()},
            messages.SUCCESS,
        )
