from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Member organisations"

    def ready(self):
        from core.redirects import keep_addresses

        from .models import Organisation

        keep_addresses(Organisation, Organisation.objects.all)
