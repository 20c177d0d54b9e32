from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Email notifications"

    def ready(self):
        from pagecache.versions import not_content

        from .models import Notification, Preference

        # Notifications never show on a public page: sending one leaves cached pages as they are.
        not_content(Notification)
        not_content(Preference)
