"""Redirects from the old website's addresses, managed by staff (the importer adds them too).

Here rather than in bhp/admin.py because this app is installed after Django's sites and
redirects apps, whose own admin classes these replace.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError

from core.admin import SiteModelAdmin


class RedirectForm(forms.ModelForm):
    """A redirect on this site: the site is set from SITE_ID, never asked for."""

    class Meta:
        model = Redirect
        fields = ["old_path", "new_path"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.site_id = settings.SITE_ID

    def clean_new_path(self):
        # A redirect sends visitors to a page of this site, never to somewhere else.
        new_path = self.cleaned_data["new_path"]
        if new_path and (not new_path.startswith("/") or new_path.startswith("//")):
            raise ValidationError(
                "Enter an address on this site starting with /, for example /news/."
            )
        return new_path

    def validate_unique(self):
        # The site is not on the form, but an old address may still only be used once.
        try:
            self.instance.validate_unique(exclude=self._get_validation_exclusions() - {"site"})
        except ValidationError as error:
            self._update_errors(error)


# The site record follows the SITE_DOMAIN setting, so it is not edited here.
admin.site.unregister(Site)
admin.site.unregister(Redirect)


@admin.register(Redirect)
class RedirectAdmin(SiteModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path"]
    search_fields = ["old_path", "new_path"]
