from django.conf import settings


def contact(request):
    """From settings: the contact details and social links every footer shows, and what the
    contact pages say about how long enquiries are kept."""
    return {
        "contact_email": settings.CONTACT_EMAIL,
        "contact_postal_address": settings.CONTACT_POSTAL_ADDRESS,
        "social_links": settings.SOCIAL_LINKS,
        "enquiry_retention_days": settings.ENQUIRY_RETENTION_DAYS,
        "rate_window": settings.CONTACT_RATE_WINDOW_MINUTES,
    }
