import re

from django.core.validators import URLValidator
from django.db import models
from django.utils.html import linebreaks
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from .sanitise import EDITOR_EXTENSIONS, clean_html

HAS_MARKUP = re.compile(r"<[a-zA-Z!/]")

WEB_ADDRESS_MESSAGE = "Enter a web address starting with http:// or https://."


class WebAddressField(models.URLField):
    """A link for the public site: http or https only (Django's default also allows ftp)."""

    default_validators = [URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)]
    default_error_messages = {"invalid": WEB_ADDRESS_MESSAGE}

    def formfield(self, **kwargs):
        return super().formfield(**{"error_messages": {"invalid": WEB_ADDRESS_MESSAGE}, **kwargs})


class EditorWidget(AdminProseEditorWidget):
    class Media:
        css = {"all": ["css/editor.css"]}
        js = ["js/editor-name.js"]


class RichTextField(models.TextField):
    """HTML text that is sanitised on every save, whichever path saves it.

    Forms edit it in django-prose-editor. Its own sanitiser only runs in forms, so the
    field sanitises again in `pre_save` for the shell, commands and the importer. Text
    typed without any markup becomes paragraphs, split at blank lines.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Use the toolbar for headings, lists, links and quotations. Text pasted from Word "
            "or a web page keeps its structure and loses its styling. Without JavaScript, "
            "write HTML. Anything else (scripts, styles, images) is removed when you save.",
        )
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "form_class": ProseEditorFormField,
                "config": {"extensions": EDITOR_EXTENSIONS},
                "sanitize": clean_html,
                **kwargs,
                "widget": EditorWidget,
            }
        )

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname) or ""
        if not HAS_MARKUP.search(value):
            value = linebreaks(value.strip(), autoescape=True) if value.strip() else ""
        value = clean_html(value)
        setattr(model_instance, self.attname, value)
        return value
