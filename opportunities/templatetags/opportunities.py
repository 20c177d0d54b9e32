from django import template

from core import structured_data
from core.templatetags.structured_data import json_ld
from members.models import Organisation
from pagecache.totals import rendered_for_rows
from people.models import Person
from strategy.models import Priority, ResearchTheme

from ..models import Opportunity

register = template.Library()

HOME_LIMIT = 3
ABOUT_LIMIT = 6
# What a member's, theme's, priority's or person's page is about, as an Opportunity field.
ABOUT = {
    Organisation: "organisations",
    ResearchTheme: "themes",
    Priority: "priorities",
    Person: "contact_person",
}


@register.simple_tag
def open_opportunities():
    """The home page's open opportunities, closing soonest first; kept until an opportunity
    changes (not when an article does) or a scheduled change falls due."""

    def context():
        found = Opportunity.objects.open().for_listing().order_by("closes_at")[:HOME_LIMIT]
        return {"opportunities": list(found)}

    return rendered_for_rows(
        [Opportunity],
        "home-opportunities",
        "opportunities/includes/open_opportunities.html",
        context,
    )


@register.simple_tag
def about_opportunities(subject, name):
    """The opportunities open now (or opening later) about a member, theme or priority, or
    that a person is the contact for; nothing at all when there are none.

    Here so that members', strategy's and people's pages list them without importing this app.
    """
    field = ABOUT[type(subject)]

    def context():
        found = Opportunity.objects.not_closed().filter(**{field: subject}).for_listing()
        return {"opportunities": list(found[:ABOUT_LIMIT]), "subject": name}

    # Named by the subject's name too, which the heading shows (see about_events).
    return rendered_for_rows(
        [Opportunity],
        f"about-opps:{field}={subject.pk}:{name}",
        "opportunities/includes/about_opportunities.html",
        context,
    )


def opportunity_data(site_url, opportunity):
    """A schema.org JobPosting for fellowships and vacancies (a post someone is appointed
    to), else a WebPage about the call or survey: schema.org has no type for an open call,
    and `Grant` describes funding already given."""
    if not opportunity.is_job:
        return structured_data.web_page(site_url, opportunity)
    url = site_url + opportunity.get_absolute_url()
    data = {
        "@type": "JobPosting",
        "@id": url,
        "url": url,
        "title": opportunity.title,
        "description": opportunity.body or opportunity.summary,
        "datePosted": opportunity.publish_at.isoformat(),
        "validThrough": opportunity.closes_at.isoformat(),
        "hiringOrganization": structured_data.partnership(site_url),
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Birmingham",
                "addressCountry": "GB",
            },
        },
    }
    if opportunity.kind == Opportunity.Kind.FELLOWSHIP:
        data["employmentType"] = "TEMPORARY"
    if opportunity.eligibility:
        data["qualifications"] = opportunity.eligibility
    if opportunity.image:
        data["image"] = structured_data.absolute(site_url, opportunity.image.url)
    return data


@register.simple_tag(takes_context=True)
def opportunity_json_ld(context, opportunity):
    return json_ld(opportunity_data(context["site_url"], opportunity))
