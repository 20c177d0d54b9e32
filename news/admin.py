from django.contrib import admin, messages
from django.contrib.admin import actions as django_actions
from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import get_text_list
from django.utils.translation import ngettext
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.admin import TaggedItemInline as TaggitTaggedItemInline
from taggit.models import Tag

from core import publishing_admin
from core.images import MAIN_IMAGE_FIELDS
from core.inlines import BoundedInlineFormSet
from core.publishing_admin import PublishingAdmin, StateFilter
from core.reviews import ReviewFilter
from documents.models import Document
from workflow.admin import ReviewAdminMixin
from workflow.queue import ReviewStateFilter

from .forms import MentionSuggestionsForm, TagAdminForm
from .models import ARTICLE_FIELDS, Article, ShareLink
from .tags import TagMergeForm, merge_tags


class ShareLinkInline(publishing_admin.ShareLinkInline):
    model = ShareLink


@admin.register(Article)
class ArticleAdmin(ReviewAdminMixin, PublishingAdmin):
    form = MentionSuggestionsForm
    inlines = [ShareLinkInline]
    # No byline column: with the review's approval column the list must still fit 1280 px
    # (tests/browser/test_admin_help.py); the search box still finds bylines.
    list_display = [
        "title",
        "state_label",
        "approval",
        "publish_at",
        "featured",
        "updated_at",
    ]
    list_filter = [
        StateFilter,
        ReviewStateFilter,
        ReviewFilter,
        "featured",
        "organisations",
        "themes",
        "priorities",
        "tags",
        "people",
    ]
    search_fields = ["title", "summary", "body", "author"]
    searched = ARTICLE_FIELDS
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    # The author's page is a plain list: Django's single-choice autocomplete box has no
    # accessible name (axe), and there are few people.
    autocomplete_fields = [
        "organisations",
        "themes",
        "priorities",
        "related_articles",
        "people",
        "related_opportunities",
        "related_events",
        "related_publications",
    ]
    filter_horizontal = ["documents"]
    list_per_page = 50

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
        ("Main image", {"fields": MAIN_IMAGE_FIELDS}),
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
        (
            "Read next",
            {
                "fields": [
                    "related_articles",
                    "related_opportunities",
                    "related_events",
                    "related_publications",
                ]
            },
        ),
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        documents = form.base_fields.get("documents")  # absent when it is read-only
        if documents is not None and not self.publishes(request):
            # Contributors publish nothing, and a document attached only to someone else's
            # draft may be under embargo: its title is not theirs to see, nor theirs to
            # attach (and so publish with their article). They choose among the documents
            # any visitor may download (as one without a preview link), and keep those
            # this article has; a POST naming any other is refused as not a valid choice.
            offered = Q(pk__in=Document.objects.public(HttpRequest()))
            if obj is not None:
                offered |= Q(pk__in=obj.documents.all())
            documents.queryset = documents.queryset.filter(offered)
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The organisations and people ticked among those the text names are linked too.
        form.link_suggestions()


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
