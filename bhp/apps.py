from contextlib import suppress

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate

from core.apps import project_template_folders


def sync_site(sender, using, apps=global_apps, **kwargs):
    """Keep the site record (used by feeds, the sitemap and redirects) on SITE_DOMAIN.

    Settings are the one place the public address is configured; the record follows.
    """
    from django.conf import settings
    from django.contrib.sites.management import create_default_site

    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:  # a partial migrate that has not reached the sites app yet
        return
    # Created the sites framework's own way first, so the id sequence is left consistent.
    create_default_site(sender, verbosity=0, using=using, apps=apps)
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": "Birmingham Health Partners"},
    )


def look_up_content_types():
    """Fill this process's content-type cache in one query.

    Otherwise a visitor's request makes the lookup (taggit needs the article's), once per
    model per server process. Called as each gunicorn worker starts; a database that is
    not answering yet just leaves the lookups to the first requests.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import DatabaseError

    with suppress(DatabaseError):
        ContentType.objects.get_for_models(*global_apps.get_models())


def load_views_and_templates():
    """Load what each server process would otherwise load on its first request: every
    view module (through the URLconf) and the project's own templates, compiled.

    Called in gunicorn's master before it forks, so every worker, including each one
    started to replace a recycled worker, begins with them rather than making its first
    visitors wait while it imports views and compiles templates.
    """
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("home")
    for folder in project_template_folders():
        for template in folder.rglob("*.html"):
            get_template(template.relative_to(folder).as_posix())


class BhpConfig(AppConfig):
    name = "bhp"
    verbose_name = "Site and staff accounts"

    def ready(self):
        from members.models import Organisation
        from pagecache.totals import track_rows
        from strategy.models import KeyStatistic, Priority, ResearchTheme

        from . import checks  # noqa: F401 (registers them)

        # The home page's figures, work and members are kept with their rows (home.html).
        for model in (Organisation, Priority, KeyStatistic, ResearchTheme):
            track_rows(model)

        post_migrate.connect(sync_site, sender=self, dispatch_uid="bhp.sync_site")


class SiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the site arranged for staff (bhp.sites)."""

    default = False  # bhp's own AppConfig stays the one "bhp" names
    default_site = "bhp.sites.SiteAdminSite"
