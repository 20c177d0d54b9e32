from functools import reduce
from operator import or_

from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.models import TimeStampedModel
from core.storage import documents_storage
from core.uploads import GeneratedName

from .files import FORMATS, identify


def validate_document(value):
    """Refuse a new upload that is not a document we accept (see documents.files)."""
    # A new upload is open; a stored file stays closed until read. It was checked when it
    # was uploaded, and opening it on every save of the title would fetch it for nothing.
    if not value.closed:
        identify(value.file, value.name)


# Which documents visitors may download is decided by what links to them (news: those of
# live articles), so that documents know none of it: each such app adds its rule from its
# AppConfig.ready().
DOWNLOAD_RULES = []


def add_download_rule(rule):
    """Let visitors download the documents that `rule(request)` selects: a filter over
    documents, such as `Exists(...)` or a `Q`."""
    DOWNLOAD_RULES.append(rule)


class DocumentQuerySet(models.QuerySet):
    def public(self, request):
        """The documents the visitor making `request` may download: those any rule lets
        them (see `add_download_rule`); without one, none."""
        rules = [rule(request) for rule in DOWNLOAD_RULES]
        return self.filter(reduce(or_, rules)) if rules else self.none()


class Document(TimeStampedModel):
    """A report or other file that visitors download, such as a PDF report of activity."""

    title = models.CharField(
        max_length=200,
        help_text="What visitors see as the link, e.g. “Report of activity 2020 to 2022”. "
        "The type and size are added for you.",
    )
    file = models.FileField(
        upload_to=GeneratedName("documents"),
        storage=documents_storage,
        validators=[validate_document],
        help_text="A PDF, Word, Excel, PowerPoint, OpenDocument or CSV file. It is checked "
        "by its content; files that could harm visitors are refused.",
    )
    file_type = models.CharField(
        max_length=20,
        choices=[(code, fmt.label) for code, fmt in FORMATS.items()],
        editable=False,
        help_text="Found from the file's content, e.g. PDF.",
    )
    size = models.PositiveBigIntegerField("size in bytes", editable=False, default=0)
    published_on = models.DateField("date", default=timezone.localdate)
    description = models.TextField(blank=True)

    objects = DocumentQuerySet.as_manager()

    # The file's name as last loaded or saved (see Django's "Customizing model loading");
    # a file under any other name is new.
    stored_file_name = None

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        document = super().from_db(db, field_names, values, **kwargs)
        if "file" in field_names:
            document.stored_file_name = values[field_names.index("file")]
        return document

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using, fields, from_queryset)
        # Loading a deferred file comes here too.
        if (fields is None or "file" in fields) and "file" not in self.get_deferred_fields():
            self.stored_file_name = self.file.name

    def save(self, *args, **kwargs):
        # Whichever path saves a new file (admin, shell, seed), its type and size come
        # from its content, and a file we do not accept is never stored. A file stored
        # before saving (FieldFile.save) is checked too, as its name is new. The stored
        # file, closed and under its name, is not fetched again to save the title.
        if self.file and (not self.file.closed or self.file.name != self.stored_file_name):
            content = self.file.file
            self.file_type = identify(content, self.file.name).code
            self.size = content.size
        super().save(*args, **kwargs)
        self.stored_file_name = self.file.name

    def get_absolute_url(self):
        return reverse("documents:download", kwargs={"pk": self.pk})

    @property
    def format(self):
        return FORMATS[self.file_type]

    @property
    def download_name(self):
        """The file name visitors save: from the title, since stored names are random."""
        return (slugify(self.title) or "document") + self.format.extension

    @property
    def type_and_size(self):
        """What every link to the document shows, e.g. "PDF, 4.0 MB"."""
        return f"{self.get_file_type_display()}, {filesizeformat(self.size)}"
