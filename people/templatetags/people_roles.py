from django import template

from core.structured_data import absolute
from core.templatetags.structured_data import json_ld
from pagecache.parts import cached_for_content
from people.models import Role
from strategy.models import Priority, ResearchTheme

register = template.Library()

# What a lead of each kind of strategy item leads, as a Role field.
LED = {ResearchTheme: "theme", Priority: "priority"}


@register.inclusion_tag("people/includes/current_leads.html")
def current_leads(item):
    """Who leads a research theme or health priority today, linked to their pages.

    Here so that strategy's pages show their leads without importing people.
    """
    field = LED[type(item)]

    def leads():
        roles = Role.objects.current().public().filter(**{field: item}).select_related("person")
        return [role.person for role in roles.order_by("starts_on", "pk")]

    people = cached_for_content(f"leads:{field}={item.pk}", leads)
    label = "Theme lead" if field == "theme" else "Priority lead"
    return {"people": people, "label": label if len(people) < 2 else f"{label}s", "item": item}


@register.simple_tag(takes_context=True)
def person_json_ld(context, person, current_roles):
    """A schema.org Person for search engines: name, titles, roles today and employers."""
    site_url = context["site_url"]
    data = {
        "@type": "Person",
        "@id": site_url + person.get_absolute_url(),
        "url": site_url + person.get_absolute_url(),
        "name": person.name,
    }
    if person.honorific:
        data["honorificPrefix"] = person.honorific
    if person.post_nominals:
        data["honorificSuffix"] = person.post_nominals
    if person.biography:
        data["description"] = person.summary
    if current_roles:
        data["jobTitle"] = [role.label for role in current_roles]
        data["affiliation"] = {"@id": f"{site_url}/#organization"}
    organisations = person.organisations.all()
    if organisations:
        data["worksFor"] = [
            {"@type": "Organization", "name": o.name, "url": site_url + o.get_absolute_url()}
            for o in organisations
        ]
    if person.photo:
        data["image"] = absolute(site_url, person.photo.url)
    return json_ld(data)
