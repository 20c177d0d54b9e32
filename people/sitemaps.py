from core.addresses import Sitemap

from .models import Person


class PersonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.listed().only("slug", "updated_at")

    def lastmod(self, person):
        return person.updated_at
