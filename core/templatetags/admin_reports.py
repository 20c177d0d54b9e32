from django import template

from core.links import linking_admins
from core.reviews import reviewable_admins

register = template.Library()


@register.inclusion_tag("admin/includes/reports.html", takes_context=True)
def admin_reports(context):
    """Links to the admin's reports, for those allowed to read them."""
    request = context["request"]
    return {
        "review": bool(reviewable_admins(request)),
        "links": bool(linking_admins(request)),
        "audit": request.user.has_perm("admin.view_logentry"),
    }
