import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions as django_actions
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import ngettext
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.admin import TaggedItemInline as TaggitTaggedItemInline
from taggit.models import Tag

from core.addresses import site_url
from core.admin import HistoryAdmin
from core.audit import PUBLISHED, UNPUBLISHED, marked
from core.inlines import BoundedInlineFormSet, TabularInline
from core.reviews import ReviewFilter
from core.search import search

from .forms import MentionSuggestionsForm, TagAdminForm
from .models import ARTICLE_FIELDS, Article, ShareLink
from .readability import admin_summary
from .tags import TagMergeForm, merge_tags

PREVIEW = "_preview"


class ShareLinkForm(forms.ModelForm):
    def has_changed(self):
        # A new row is there because someone pressed "Add another preview link": keeping
        # its suggested expiry still asks for a link (Django skips unchanged new rows).
        return self.instance._state.adding or super().has_changed()

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        # Only a time someone chose now: a link that has since expired must not stop the
        # article being saved.
        if self.instance._state.adding or "expires_at" in self.changed_data:
            ShareLink.check_expiry(expires_at)
        return expires_at


class ShareLinkFormSet(BoundedInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            # Django's table gives each row's box no label of its own.
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this link (revokes it)"


class ShareLinkInline(TabularInline):
    model = ShareLink
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


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    form = MentionSuggestionsForm
    inlines = [ShareLinkInline]
    list_display = ["title", "state_label", "publish_at", "author", "featured", "updated_at"]
    list_filter = [
        StateFilter,
        ReviewFilter,
        "featured",
        "organisations",
        "themes",
        "priorities",
        "tags",
        "people",
    ]
    search_fields = ["title", "summary", "body", "author"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    # The author's page is a plain list: Django's single-choice autocomplete box has no
    # accessible name (axe), and there are few people.
    autocomplete_fields = ["organisations", "themes", "priorities", "related_articles", "people"]
    filter_horizontal = ["documents"]
    readonly_fields = ["readability", "created_at", "created_by", "updated_at", "updated_by"]
    actions = ["publish", "unpublish"]
    list_per_page = 50
    save_on_top = True

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/readability.js"]

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "body",
                    "readability",
                    "author",
                    "byline_person",
                ]
            },
        ),
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
        (
            "What it is about",
            {
                "fields": [
                    "tags",
                    "organisations",
                    "suggested_organisations",
                    "themes",
                    "priorities",
                    "people",
                    "suggested_people",
                ]
            },
        ),
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

    def get_search_results(self, request, queryset, search_term):
        # The site search's engine (stemming, phrases, -excluded), keeping the list's order.
        if not search_term.strip():
            return queryset, False
        return search(queryset, ARTICLE_FIELDS, search_term, rank=False), False

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.get_full_name(),
            **super().get_changeform_initial_data(request),
        }

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Moving either time can put an article live or take it down: that is publishing.
            readonly += ["status", "publish_at", "unpublish_at"]
        return readonly

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if obj.status == Article.Status.PUBLISHED:
            # Added straight as published is still publishing: the audit's filter finds it.
            self.log_change(request, obj, PUBLISHED)
        return entry

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        if add or "status" not in form.changed_data:
            return message
        # Logged as the "Publish" and "Unpublish" actions log it, so the audit finds it.
        published = form.instance.status == Article.Status.PUBLISHED
        return marked(PUBLISHED if published else UNPUBLISHED, message)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring an old revision restores its status too, so it is a publishing decision.
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def has_publish_permission(self, request):
        return request.user.has_perm("news.publish_article")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The organisations and people ticked among those the text names are linked too.
        form.link_suggestions()

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
            return f"Scheduled for {timezone.localtime(obj.publish_at):%d %b %Y %H:%M}"
        return obj.state

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()
        ready, blocked = [], []
        for article in queryset.drafts():
            (blocked if article.publish_problems() else ready).append(article)
            # A draft's publish time defaults to when it was started; publishing it now
            # should put it at the top of the news, not months down.
            article.publish_at = max(article.publish_at, now)
        self._set_status(request, ready, Article.Status.PUBLISHED, PUBLISHED)
        if blocked:
            self.message_user(
                request,
                "Not published, because they need fixing first (open each to see what): "
                + "; ".join(article.title for article in blocked),
                messages.WARNING,
            )
        scheduled = sum(article.publish_at > now for article in ready)
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
        published = list(queryset.exclude(status=Article.Status.DRAFT))
        self._set_status(request, published, Article.Status.DRAFT, UNPUBLISHED)

    def _set_status(self, request, articles, status, message):
        # Each save is a revision, so the status change shows in every article's history.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(message)
            for article in articles:
                article.status = status
                article.updated_by = request.user
                article.save(update_fields=["status", "publish_at", "updated_by", "updated_at"])
        LogEntry.objects.log_actions(request.user.pk, articles, CHANGE, message)
        label = Article.Status(status).label
        self.message_user(
            request,
            ngettext(
                "%(count)d article set to %(status)s.",
                "%(count)d articles set to %(status)s.",
                len(articles),
            )
            % {"count": len(articles), "status": label.lower()},
            messages.SUCCESS,
        )


admin.site.unregister(Tag)


class TaggedItemInline(TaggitTaggedItemInline):
    formset = BoundedInlineFormSet


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """Taggit's tag admin, naming the live articles that lose a tag before it is deleted.

    Only those with permission to delete tags (Administrators) are offered deleting, and
    merging, which deletes the tags merged.
    """

    form = TagAdminForm
    inlines = [TaggedItemInline]

    def render_delete_form(self, request, context):
        context["live_articles"] = self.live_articles_tagged([context["object"]])
        return super().render_delete_form(request, context)

    @admin.action(
        permissions=["delete"], description=django_actions.delete_selected.short_description
    )
    def delete_selected(self, request, queryset):
        # Django's own action: a confirmation page (still to render), or None once deleted.
        response = django_actions.delete_selected(self, request, queryset)
        if response is not None:
            response.context_data["live_articles"] = self.live_articles_tagged(queryset)
        return response

    @admin.action(
        permissions=["delete"], description=TaggitTagAdmin.render_tag_form.short_description
    )
    def render_tag_form(self, request, queryset):
        # Taggit's own kept the ids as posted and added the merge page's address to the
        # list's, query string and all, so tags found by searching could not be merged.
        request.session[self.MERGE_SESSION_KEY] = list(queryset.values_list("pk", flat=True))
        return redirect("admin:taggit_tag_merge_tags")

    actions = [*TaggitTagAdmin.actions, "delete_selected"]
    MERGE_SESSION_KEY = "tags_to_merge"

    def merge_tags_view(self, request):
        """Taggit's merge page (at its address), merging into an existing tag in another
        spelling rather than beside it, naming the live articles affected, and logging."""
        if not self.has_delete_permission(request):
            raise PermissionDenied
        selected = request.session.get(self.MERGE_SESSION_KEY, [])
        tags = list(Tag.objects.filter(pk__in=selected).order_by("name"))
        if not tags:  # merged already (a second press, the back button), or since deleted
            self.message_user(
                request, "Select the tags to merge in the list of tags first.", messages.WARNING
            )
            return redirect("admin:taggit_tag_changelist")
        names = get_text_list([f"“{tag}”" for tag in tags], "and")
        live_articles = self.live_articles_tagged(tags)
        form = TagMergeForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            live_count = live_articles.count()
            with transaction.atomic():
                target, created, merged = merge_tags(tags, form.cleaned_data["new_tag_name"])
                self.log_merge(request, target, created, merged)
            del request.session[self.MERGE_SESSION_KEY]
            if not merged:
                self.message_user(request, f"Nothing to merge: the tag chosen is “{target}”.")
                return redirect("admin:taggit_tag_changelist")
            self.message_user(
                request,
                ngettext(
                    "Merged %(names)s into the %(new)s tag “%(tag)s”; %(count)d live article "
                    "now carries it.",
                    "Merged %(names)s into the %(new)s tag “%(tag)s”; %(count)d live articles "
                    "now carry it.",
                    live_count,
                )
                % {
                    "names": names,
                    "new": "new" if created else "existing",
                    "tag": target,
                    "count": live_count,
                },
                messages.SUCCESS,
            )
            return redirect("admin:taggit_tag_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Merge tags",
            "names": names,
            "form": form,
            "live_articles": live_articles,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge_tags_form.html", context)

    def log_merge(self, request, target, created, merged):
        """The audit log says who merged which tags into which."""
        names = get_text_list([f"“{tag}”" for tag in merged], "and")
        if created:
            self.log_addition(request, target, f"Merged {names} into this new tag.")
        elif merged:
            self.log_change(request, target, f"Merged {names} into this tag.")
        LogEntry.objects.log_actions(
            request.user.pk, merged, DELETION, change_message=f"Merged into “{target}”."
        )

    @staticmethod
    def live_articles_tagged(tags):
        return Article.objects.live().filter(tags__in=tags).distinct().order_by("title")
