import re

from django.core.validators import URLValidator
from django.db import models
from django.utils.html import linebreaks

from .sanitise import clean_html

HAS_MARKUP = re.compile(r"<[a-zA-Z!/]")

WEB_ADDRESS_MESSAGE = "Enter a web address starting with http:// or https://."


class WebAddressField(models.URLField):
    """A link for the public site: http or https only (Django's default also allows ftp)."""

    default_validators = [URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)]
    default_error_messages = {"invalid": WEB_ADDRESS_MESSAGE}

    def formfield(self, **kwargs):
        return super().formfield(**{"error_messages": {"invalid": WEB_ADDRESS_MESSAGE}, **kwargs})


class RichTextField(models.TextField):
    """HTML text that is sanitised on every save, whichever path saves it.

    Text typed without any markup becomes paragraphs, split at blank lines.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Write in HTML: <p> paragraphs, <h2> to <h4> headings, lists, links, quotations, "
            "bold and italic. Plain text becomes paragraphs at each blank line. Anything "
            "else (scripts, styles, images) is removed when you save.",
        )
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname) or ""
        if not HAS_MARKUP.search(value):
            value = linebreaks(value.strip(), autoescape=True) if value.strip() else ""
        value = clean_html(value)
        setattr(model_instance, self.attname, value)
        return value
