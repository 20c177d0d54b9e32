from django import template

from members.models import Organisation
from pagecache.parts import cached_for_content

register = template.Library()


@register.inclusion_tag("members/includes/member_logos.html")
def member_logos():
    """Each current member's logo to download, for pages of other apps (the press page)."""

    def logos():
        members = Organisation.objects.current_members().exclude(logo="")
        return [
            {"name": member.name, "url": member.logo.url, "alt": member.logo_alt}
            for member in members.only("name", "logo", "logo_alt")
        ]

    return {"logos": cached_for_content("member-logos", logos)}
