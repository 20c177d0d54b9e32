from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Contact and press"

    def ready(self):
        from pagecache.versions import not_content

        from . import checks  # noqa: F401 (registers the settings checks)
        from .models import Enquiry

        # Enquiries never show on a public page: a new one leaves cached pages as they are.
        not_content(Enquiry)
