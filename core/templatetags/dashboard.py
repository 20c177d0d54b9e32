from django import template

from core import dashboard as content_dashboard

register = template.Library()


@register.inclusion_tag("admin/includes/dashboard.html", takes_context=True)
def dashboard(context):
    """The admin home page's lists of this person's work and what is due (core.dashboard)."""
    return {"dashboard": content_dashboard.build(context["request"])}
