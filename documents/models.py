from django.db import models
from django.utils import timezone

from bhp.models import TimeStampedModel
from bhp.uploads import GeneratedName


class Document(TimeStampedModel):
    """A report or other file that visitors download, such as a PDF report of activity."""

    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=GeneratedName("documents"))
    file_type = models.CharField(
        max_length=20, editable=False, help_text="Found from the file's content, e.g. PDF."
    )
    size = models.PositiveBigIntegerField("size in bytes", editable=False, default=0)
    published_on = models.DateField("date", default=timezone.localdate)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title
