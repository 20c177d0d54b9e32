from core import previews
from core.previews import PublishedDetailView
from members.models import Organisation
from pagecache.totals import cached_for_rows
from strategy.models import Priority, ResearchTheme

from .models import PATH_LENGTH, Page, ShareLink

# What a page shows: itself, the pages around it, and what it links to (each tracked with
# track_rows by its app).
SHOWN = (Page, Organisation, ResearchTheme, Priority)


def surroundings(page):
    """The pages around `page` that its page shows: the ancestors (for breadcrumbs) and
    the live children (a section lists them)."""
    return {
        "trail": [(ancestor.label, ancestor.get_absolute_url()) for ancestor in page.ancestors()],
        "children": list(page.live_children()),
    }


class PageView(PublishedDetailView):
    """A page at its path in the tree; to staff who may change pages, drafts too."""

    model = Page
    context_object_name = "page"
    slug_field = "path"
    slug_url_kwarg = "path"
    template_name = "pages/page_detail.html"
    prefetch = ("organisations", "themes", "priorities")

    def get_queryset(self):
        if len(self.kwargs["path"]) > PATH_LENGTH:
            return Page.objects.none()  # no page has so long an address
        return super().get_queryset()

    def kept_object(self, find):
        # A live page, with everything it links to: kept with those rows, not under the
        # content version, so an article's edit leaves it as it was.
        return cached_for_rows(SHOWN, f"page:{self.kwargs['path']}", find)

    def get_context_data(self, **kwargs):
        if self.staff_preview():
            around = surroundings(self.object)
        else:
            around = cached_for_rows(
                [Page], f"page-surroundings:{self.object.pk}", lambda: surroundings(self.object)
            )
        return super().get_context_data(**around, **kwargs)


class SharedPreviewView(previews.SharedPreviewView):
    """One page as a reviewer without an account sees it, through a preview link."""

    template_name = "pages/page_detail.html"
    context_object_name = "page"
    share_link_model = ShareLink

    def get_context_data(self, **kwargs):
        return super().get_context_data(**surroundings(self.object), **kwargs)
