from django.core.validators import URLValidator
from django.db import models

WEB_ADDRESS_MESSAGE = "Enter a web address starting with http:// or https://."


class WebAddressField(models.URLField):
    """A link for the public site: http or https only (Django's default also allows ftp)."""

    default_validators = [URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)]
    default_error_messages = {"invalid": WEB_ADDRESS_MESSAGE}

    def formfield(self, **kwargs):
        return super().formfield(**{"error_messages": {"invalid": WEB_ADDRESS_MESSAGE}, **kwargs})
