"""Showing published content, and content not public yet to those allowed to see it.

Staff who may change a kind of content see its drafts, scheduled and expired items at their
public address, marked as not public (that is the preview); reviewers without an account see
one item through a preview link (`core.publishing.ShareLinkBase`). Neither is ever kept by a
browser or a shared cache.
"""

from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView

from .permissions import has_staff_perm


def never_cache_unless_live(response, item):
    if not item.is_live:
        # A draft shown to staff must never be kept by a browser or shared cache.
        add_never_cache_headers(response)
    return response


class PublishedDetailView(DetailView):
    """One live item; to staff who may change it, any item. Subclasses say what a live one
    is kept as for visitors (`kept_object`), as it is the same for all until content changes
    (or a schedule falls due, which also makes a new version)."""

    prefetch = ()
    query_parameters = ()

    def staff_preview(self):
        opts = self.model._meta
        return has_staff_perm(self.request.user, f"{opts.app_label}.change_{opts.model_name}")

    def get_queryset(self):
        items = self.model._default_manager.all()
        if not self.staff_preview():
            items = items.live()
        elif not self.may_publish():
            # Contributors (who may change but not publish) preview their own drafts only:
            # another's may be under embargo.
            items = items.live() | items.filter(created_by=self.request.user)
        return items.prefetch_related(*self.prefetch)

    def may_publish(self):
        opts = self.model._meta
        return has_staff_perm(self.request.user, f"{opts.app_label}.publish_{opts.model_name}")

    def get_object(self, queryset=None):
        if self.staff_preview():
            return super().get_object(queryset)
        return self.kept_object(super().get_object)

    def kept_object(self, find):
        raise NotImplementedError

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return never_cache_unless_live(response, self.object)


def keep_private(response):
    """Headers for a page reached through a signed link: never kept, and the link (its only
    key) kept out of other sites' logs and search engines."""
    add_never_cache_headers(response)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


class SharedPreviewView(DetailView):
    """One item as a reviewer without an account sees it, through a signed preview link
    of `share_link_model`."""

    share_link_model = None

    def get_object(self, queryset=None):
        self.share_link = self.share_link_model.from_token(self.kwargs["token"])
        if self.share_link is None:
            raise Http404("This preview link is not valid: it may have expired or been revoked.")
        return self.share_link.subject

    def get_context_data(self, **kwargs):
        return super().get_context_data(share_link=self.share_link, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        return keep_private(super().render_to_response(context, **response_kwargs))
