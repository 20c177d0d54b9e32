from django.conf import settings
from django.core.checks import Error, register


@register
def social_links_are_web_addresses(app_configs=None, **kwargs):
    """A social link must be a web address: the footer would otherwise link to anything."""
    return [
        Error(
            f"SOCIAL_LINKS: the link for {name!r} is not a web address: {url!r}",
            hint="Write each link as Name=https://..., separated by commas.",
            id="contact.E001",
        )
        for name, url in settings.SOCIAL_LINKS
        if not url.startswith(("https://", "http://"))
    ]
