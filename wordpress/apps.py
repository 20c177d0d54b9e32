from django.apps import AppConfig


class WordPressConfig(AppConfig):
    name = "wordpress"
    verbose_name = "The old WordPress site"

    def ready(self):
        from pagecache.versions import not_content

        from .models import ImportedItem, ImportLine, ImportRun

        # An import's report is for administrators, and what it remembers of each item
        # only changes where old addresses redirect (redirects are never kept in the page
        # cache): writing them changes no public page. The content it imports does, and
        # starts a new version itself.
        for model in (ImportRun, ImportLine, ImportedItem):
            not_content(model)
