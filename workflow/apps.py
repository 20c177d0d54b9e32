from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = "Review workflow"

    def ready(self):
        from core import dashboard
        from pagecache.versions import not_content

        from .models import Comment, Review
        from .queue import waiting_for_you

        # A review never shows on a public page: publishing does, and that is the item's save.
        not_content(Review)
        not_content(Comment)
        dashboard.register_waiting(waiting_for_you)
