from django import template

from core import structured_data
from core.templatetags.structured_data import json_ld

from .. import citations

register = template.Library()


@register.simple_tag
def apa_citation(publication):
    return citations.apa(publication, publication.author_list)


@register.simple_tag(takes_context=True)
def publication_json_ld(context, publication):
    """A schema.org Report, or ScholarlyArticle when it has a DOI, for search engines."""
    site_url = context["site_url"]
    url = site_url + publication.get_absolute_url()
    data = {
        "@type": publication.schema_type,
        "@id": url,
        "url": url,
        "name": publication.title,
        "headline": publication.title[:110],
        "description": publication.summary,
        "datePublished": publication.published_on.isoformat(),
        "genre": publication.get_kind_display(),
        "publisher": (
            structured_data.partnership(site_url)
            if publication.publisher == structured_data.PARTNERSHIP
            else {"@type": "Organization", "name": publication.publisher}
        ),
        "author": [_author(site_url, author) for author in publication.author_list],
        "about": [
            structured_data.organisation(site_url, o) for o in publication.organisations.all()
        ],
    }
    if publication.doi:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "DOI",
            "value": publication.doi,
        }
        data["sameAs"] = publication.doi_url
    elif publication.external_url:
        data["sameAs"] = publication.external_url
    if publication.pdf_id:
        data["encoding"] = {
            "@type": "MediaObject",
            "encodingFormat": "application/pdf",
            "contentUrl": site_url + publication.pdf.get_absolute_url(),
            "contentSize": str(publication.pdf.size),
        }
    if publication.image:
        data["image"] = [structured_data.absolute(site_url, publication.image.url)]
    return json_ld(data)


def _author(site_url, author):
    data = {
        "@type": "Organization" if author.is_organisation else "Person",
        "name": author.display_name,
    }
    if url := author.url():
        data["url"] = site_url + url
    return data
