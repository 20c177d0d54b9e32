"""General pages (about us, the evaluation centre, programmes), kept as a tree whose paths
are their addresses: a page with the slug "evaluation-centre" under "about" is at
/about/evaluation-centre/.

Each page stores its full path, so a page is found with one query however deep it is; a
move or rename rewrites the paths below it and keeps every old address working.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.db.models.lookups import StartsWith
from django.db.models.signals import post_save, pre_save
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from core.fields import RichTextField
from core.images import MainImage
from core.publishing import Publishable, PublishingQuerySet, ShareLinkBase, Status
from core.redirects import record_move
from core.search import SearchFields
from strategy.models import LinkedToStrategy

SEPARATOR = "/"
PATH_LENGTH = 255
PAGE_VIEW = "pages:page"


class PageQuerySet(PublishingQuerySet):
    def live(self, now=None):
        """Live pages whose every ancestor is live too (at `now`, by default the present):
        a section taken down takes its pages with it."""
        now = now or timezone.now()
        hidden = Page.objects.filter(
            Q(status=Status.DRAFT) | Q(publish_at__gt=now) | Q(unpublish_at__lte=now)
        )
        above = hidden.filter(StartsWith(OuterRef("path"), Concat(F("path"), Value(SEPARATOR))))
        return super().live(now).exclude(Exists(above))

    def in_menu_order(self):
        return self.order_by("menu_order", "title", "pk")

    def main_navigation(self):
        """Top-level live pages offered in the site's main navigation."""
        return self.live().filter(parent=None, show_in_navigation=True).in_menu_order()


def ancestor_paths(path):
    """The paths above `path`, top first: "a/b/c" gives ["a", "a/b"]."""
    parts = path.split(SEPARATOR)
    return [SEPARATOR.join(parts[:end]) for end in range(1, len(parts))]


def is_page_address(path):
    """Whether /`path`/ reaches the page view, rather than another part of the site."""
    try:
        match = resolve(f"/{path}/")
    except Resolver404:
        return False
    return match.view_name == PAGE_VIEW


# Registered here, not left to the admin, as for articles: a preview link is revoked by
# deleting it, so no restore may bring one back.
@reversion.register()
class Page(
    Publishable("page", "pages"), MainImage("page", "pages"), LinkedToStrategy("page", "pages")
):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100,
        help_text="The last part of the page’s web address, after its parent’s. Filled in "
        "from the title. Changing it, or the parent, moves the page and every page below "
        "it; their old addresses keep working.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The section this page belongs to. Leave empty for a top-level page.",
    )
    path = models.CharField(max_length=PATH_LENGTH, unique=True, editable=False)
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences that say what the page is about. Shown under the "
        "title, in section lists and in search results. Needed before it is published.",
    )
    body = RichTextField(blank=True)
    menu_title = models.CharField(
        max_length=60,
        blank=True,
        help_text="A shorter title for menus and section lists. Leave empty to use the title.",
    )
    menu_order = models.PositiveIntegerField(
        default=100,
        help_text="Pages with lower numbers come first in menus and section lists.",
    )
    show_in_navigation = models.BooleanField(
        "show in main navigation",
        default=False,
        help_text="Offer this top-level page in the site’s header, among News, People, "
        "Research and Contact.",
    )
    communications_may_edit = models.BooleanField(
        "Communications may edit",
        default=False,
        help_text="Let Communications staff change and publish this page. Administrators "
        "can always edit every page.",
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        permissions = [
            ("publish_page", "Can publish and unpublish pages"),
            ("change_every_page", "Can change every page, whatever Communications may edit"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(PAGE_VIEW, kwargs={"path": self.path})

    @property
    def depth(self):
        return self.path.count(SEPARATOR)

    @property
    def label(self):
        """What menus and lists call the page."""
        return self.menu_title or self.title

    def new_path(self):
        return f"{self.parent.path}{SEPARATOR}{self.slug}" if self.parent else self.slug

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.slug:
            problems = self.tree_problems()
            for field, messages in problems.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def tree_problems(self):
        """What stops this page being saved where its parent and slug put it, as
        {field: [messages]}: a page inside itself, or an address that is taken (by a page,
        by another part of the site) or too long, for it or any page that moves with it."""
        old = Page.objects.filter(pk=self.pk).values_list("path", flat=True).first()
        below = f"{old}{SEPARATOR}"
        if (
            old
            and self.parent
            and (self.parent.pk == self.pk or self.parent.path.startswith(below))
        ):
            return {
                "parent": [
                    "A page cannot be inside itself or one of its own subpages: choose a "
                    "parent outside this part of the tree."
                ]
            }
        new = self.new_path()
        moving = [new]
        if old and old != new:
            moving += [new + path[len(old) :] for path in sorted(self.descendant_paths(old))]
        longest = max(moving, key=len)
        problems = []
        if len(longest) > PATH_LENGTH:
            problems.append(
                f"That would make the address /{longest}/ longer than {PATH_LENGTH} "
                "characters: choose a shorter slug."
            )
        others = Page.objects.exclude(pk=self.pk)
        if old:
            others = others.exclude(path__startswith=below)  # they move too
        problems += [
            f"There is already a page at /{path}/: choose another slug or parent."
            for path in sorted(others.filter(path__in=moving).values_list("path", flat=True))
        ]
        problems += [
            f"The address /{path}/ belongs to another part of the site: choose another slug."
            for path in moving
            if not is_page_address(path)
        ]
        return {"slug": problems} if problems else {}

    @staticmethod
    def descendant_paths(path):
        return Page.objects.filter(path__startswith=f"{path}{SEPARATOR}").values_list(
            "path", flat=True
        )

    def save(self, *args, **kwargs):
        # The pages below a moved page move with it (`move_subtree`), or none does.
        with transaction.atomic():
            super().save(*args, **kwargs)

    def move_descendants(self, old):
        """Give every page below this one its new path, and keep their old addresses."""
        moved = list(Page.objects.filter(path__startswith=f"{old}{SEPARATOR}"))
        for page in moved:
            previous = page.path
            page.path = self.path + previous[len(old) :]
            if page.status == Status.PUBLISHED:
                record_move(f"/{previous}/", f"/{page.path}/")
        Page.objects.bulk_update(moved, ["path"])

    def ancestors(self):
        """The pages above this one, top first (one query)."""
        paths = ancestor_paths(self.path)
        return sorted(Page.objects.filter(path__in=paths), key=lambda page: page.depth)

    def live_children(self):
        return (
            self.children.live()
            .in_menu_order()
            .only("title", "menu_title", "summary", "path", "publish_at", "updated_at")
        )


class ShareLink(ShareLinkBase):
    """Lets a reviewer without an account see one page before it is public."""

    subject_field = "page"
    preview_url_name = "pages:shared-preview"

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="share_links")


# How pages are searched, on the site and in the admin. The vector is stored by the search
# app (PageSearchDocument, see search.signals): a page's body is long.
PAGE_FIELDS = SearchFields(
    {"title": "A", "menu_title": "A", "summary": "B", "body": "C"},
    ("summary", "body"),
)


def place(sender, instance, **kwargs):
    """Before any save (a restore's too, which bypasses `Page.save`): the path its parent
    and slug give, remembering where it was."""
    instance._before = (
        Page.objects.filter(pk=instance.pk).values_list("path", "status").first()
        if instance.pk
        else None
    )
    instance.path = instance.new_path()


def move_subtree(sender, instance, **kwargs):
    """After a save that moved a page: move the pages below it, keeping old addresses."""
    before = instance.__dict__.pop("_before", None)
    if before and before[0] != instance.path:
        instance.move_descendants(before[0])
        if before[1] == Status.PUBLISHED:
            record_move(f"/{before[0]}/", f"/{instance.path}/")


pre_save.connect(place, sender=Page, dispatch_uid="pages.place")
post_save.connect(move_subtree, sender=Page, dispatch_uid="pages.move_subtree")
