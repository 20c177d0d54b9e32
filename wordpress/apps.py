from django.apps import AppConfig


class WordPressConfig(AppConfig):
    name = "wordpress"
    verbose_name = "The old WordPress site"

    def ready(self):
        from pagecache.versions import not_content

        from .models import ImportLine, ImportRun

        # An import's report is for administrators: writing it changes no public page (the
        # content it imports does, and starts a new version itself).
        not_content(ImportRun)
        not_content(ImportLine)
