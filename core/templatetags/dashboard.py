from django import template

from core import dashboard as content_dashboard

register = template.Library()


@register.inclusion_tag("admin/includes/dashboard.html", takes_context=True)
def dashboard(context):
    """The admin home page's lists of this person's work and what is due (core.dashboard)."""
    return {"dashboard": content_dashboard.build(context["request"])}


@register.simple_tag(takes_context=True)
def sees_whole_site(context):
    """Whether the home page may lead this person to the site-wide reports."""
    return content_dashboard.sees_whole_site(context["request"])
