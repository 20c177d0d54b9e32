import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import structured_data

register = template.Library()

# As django.utils.html.json_script does: inside a script element, "<", ">" and "&" are
# written as JSON escapes, so "</script>" in a title cannot end the element early.
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """A JSON-LD data block. It is data, not code: browsers never run it, so the
    Content-Security-Policy's ban on inline scripts does not apply to it."""
    text = json.dumps(
        {"@context": "https://schema.org", **data}, cls=DjangoJSONEncoder, ensure_ascii=False
    )
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(ESCAPES)),  # noqa: S308
    )


@register.simple_tag(takes_context=True)
def partnership_json_ld(context):
    return json_ld(structured_data.partnership(context["site_url"]))


@register.simple_tag(takes_context=True)
def organisation_json_ld(context, organisation):
    return json_ld(structured_data.organisation(context["site_url"], organisation))


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    return json_ld(structured_data.news_article(context["site_url"], article))


@register.simple_tag(takes_context=True)
def web_page_json_ld(context, page):
    return json_ld(structured_data.web_page(context["site_url"], page))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, current, *parent, trail=()):
    """Home, ..., current, with its BreadcrumbList. The pages between are `parent` (a
    label and an address) or `trail`, a list of (label, address) pairs."""
    links = [("Home", reverse("home")), *([tuple(parent)] if parent else []), *trail]
    data = structured_data.breadcrumbs(
        context["site_url"], [*links, (current, context["request"].path)]
    )
    return {"links": links, "current": current, "json_ld": json_ld(data)}


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    return json_ld(structured_data.event(context["site_url"], event))
