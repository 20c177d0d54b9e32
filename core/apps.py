import sys
from pathlib import Path

from django.apps import AppConfig
from django.apps import apps as global_apps


def project_apps():
    """The apps whose code is this repository's (not installed packages, even in a
    virtual environment inside the checkout)."""
    from django.conf import settings

    return [
        app
        for app in global_apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR)
        and not Path(app.path).is_relative_to(sys.prefix)
    ]


def project_template_folders():
    from django.conf import settings

    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    return folders + [Path(app.path) / "templates" for app in project_apps()]


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared building blocks"
