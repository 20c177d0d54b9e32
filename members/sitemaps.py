from core.addresses import Sitemap

from .models import Organisation


class OrganisationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Organisation.objects.only("slug", "updated_at")

    def lastmod(self, organisation):
        return organisation.updated_at
