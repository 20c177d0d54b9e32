"""What the WordPress import remembers: which WordPress item became which object here (so
importing again changes nothing, and old addresses find the new pages), and each run's
report, kept for administrators."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


class Kind(models.TextChoices):
    POST = "post", "Post"
    PAGE = "page", "Page"
    ATTACHMENT = "attachment", "Attachment"
    CATEGORY = "category", "Category"
    TAG = "tag", "Tag"
    AUTHOR = "author", "Author"


# Kinds whose WordPress ID visitors may hold in `/?p=ID` and its like.
POST_KINDS = (Kind.POST, Kind.PAGE, Kind.ATTACHMENT)


class ImportedItemQuerySet(models.QuerySet):
    def target(self, **lookup):
        """The current address of the item matching `lookup`, or None."""
        item = self.filter(**lookup).exclude(object_id=None).first()
        return item.target_url() if item else None


class ImportedItem(models.Model):
    """One WordPress item (post, page, attachment, term or author) and what it became."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The WordPress ID for posts, pages and attachments; the slug (nicename, login) for
    # categories, tags and authors, which old addresses name that way.
    key = models.CharField(max_length=200)
    # The slug WordPress gave it (post_name): permalinks name posts by it.
    slug = models.CharField(max_length=200, blank=True, db_index=True)
    # The old address's path, for pages (their paths) and uploaded files.
    old_path = models.CharField(max_length=500, blank=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True)
    object_id = models.PositiveBigIntegerField(null=True)
    content_object = GenericForeignKey("content_type", "object_id")
    # A digest of what the export said, so the same export again changes nothing.
    digest = models.CharField(max_length=64)
    # The object's last-updated time when the import last wrote it: a later one means staff
    # edited it since, and a newer export must not overwrite their work.
    synced_at = models.DateTimeField(null=True)

    objects = ImportedItemQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="wordpress_item_unique"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"WordPress {self.get_kind_display().lower()} {self.key}"

    def target_url(self):
        """Where visitors to this item's old addresses go now (None if nowhere)."""
        thing = self.content_object
        if thing is None:
            return None
        if self.kind in (Kind.TAG, Kind.CATEGORY):
            return reverse("news:tag-detail", kwargs={"slug": thing.slug})
        if self.kind == Kind.ATTACHMENT and getattr(thing, "image", None):
            return thing.image.url  # an image that became an article's main image
        return thing.get_absolute_url()


class ImportRun(models.Model):
    """One run of `import_wordpress`: its totals and a line per item, for administrators."""

    started_at = models.DateTimeField("started", auto_now_add=True)
    export = models.CharField("export file", max_length=500)
    totals = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "WordPress import"

    def __str__(self):
        return f"Import of {self.export} on {self.started_at:%d/%m/%Y %H:%M}"


class ImportLine(models.Model):
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="lines")
    outcome = models.CharField(max_length=40)
    kind = models.CharField(max_length=20)
    key = models.CharField("WordPress ID", max_length=200, blank=True)
    title = models.CharField(max_length=300, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.outcome}: {self.kind} {self.key} {self.title}"
