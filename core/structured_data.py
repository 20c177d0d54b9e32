"""Schema.org descriptions of pages as JSON-LD, for search engines.

Built as plain dictionaries here and written out by the `json_ld` template tag, which
escapes them so no text an editor typed can close the script element.
"""

from urllib.parse import urljoin

from django.utils import timezone

PARTNERSHIP = "Birmingham Health Partners"


def absolute(site_url, url):
    """An upload's address in full: on object storage it already is, on disk it is a path."""
    return urljoin(f"{site_url}/", url)


def partnership(site_url):
    return {
        "@type": "Organization",
        "@id": f"{site_url}/#organization",
        "name": PARTNERSHIP,
        "alternateName": "BHP",
        "url": f"{site_url}/",
    }


def organisation(site_url, organisation):
    data = {
        "@type": "Organization",
        "name": organisation.name,
        "url": site_url + organisation.get_absolute_url(),
        "description": organisation.summary,
    }
    if organisation.short_name:
        data["alternateName"] = organisation.short_name
    if organisation.website:
        data["sameAs"] = [organisation.website]
    if organisation.logo:
        data["logo"] = absolute(site_url, organisation.logo.url)
    if organisation.is_member:
        data["memberOf"] = {"@id": f"{site_url}/#organization"}
    return data


def dates(item):
    """When a published item was first public, and last changed."""
    return {
        "datePublished": item.publish_at.isoformat(),
        "dateModified": max(item.updated_at, item.publish_at).isoformat(),
    }


def _published_work(site_url, item, kind):
    """What every published article and page says of itself."""
    url = site_url + item.get_absolute_url()
    return {
        "@type": kind,
        "@id": url,
        "url": url,
        "description": item.summary,
        **dates(item),
        "publisher": partnership(site_url),
        "about": [organisation(site_url, o) for o in item.organisations.all()],
    }


def news_article(site_url, article):
    data = _published_work(site_url, article, "NewsArticle")
    data |= {"mainEntityOfPage": data["url"], "headline": article.title[:110]}
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    else:
        data["author"] = {"@id": f"{site_url}/#organization"}
    if article.image:
        data["image"] = [absolute(site_url, article.image.url)]
    return data


def web_page(site_url, page):
    data = _published_work(site_url, page, "WebPage") | {"name": page.title}
    if page.image:
        data["primaryImageOfPage"] = absolute(site_url, page.image.url)
    return data


def breadcrumbs(site_url, trail):
    """`trail` is a list of (name, path) from the home page to this page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": site_url + path}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "both": "https://schema.org/MixedEventAttendanceMode",
}


def event(site_url, event):
    """A schema.org Event: when (dates alone for an all-day event), where, how to attend,
    who organises it and how to book."""
    url = site_url + event.get_absolute_url()
    if event.all_day:
        start, end = timezone.localdate(event.starts_at).isoformat(), event.last_day.isoformat()
    else:
        start, end = (
            timezone.localtime(moment).isoformat() for moment in (event.starts_at, event.ends_at)
        )
    data = {
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": event.title,
        "description": event.summary,
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[event.attendance],
        "location": [],
        "organizer": (
            organisation(site_url, event.organiser) if event.organiser else partnership(site_url)
        ),
        "isAccessibleForFree": not event.cost,
    }
    if event.in_person:
        address = ", ".join(line.strip() for line in event.address.splitlines() if line.strip())
        place = {"@type": "Place", "name": event.venue or address}
        if address:
            place["address"] = address
        data["location"].append(place)
    if event.online:
        data["location"].append({"@type": "VirtualLocation", "url": event.online_url or url})
    if event.booking_url:
        data["offers"] = {"@type": "Offer", "url": event.booking_url}
    if event.image:
        data["image"] = [absolute(site_url, event.image.url)]
    return data
