"""Email notifications: an outbox sent by a background worker (see sending.notify)."""


def notify(event_key, recipients, template_prefix, context):
    """See `notifications.sending.notify`; imported late so this package loads before the
    app registry is ready."""
    from .sending import notify

    return notify(event_key, recipients, template_prefix, context)
