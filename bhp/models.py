from django.contrib.auth.models import AbstractUser
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver


class User(AbstractUser):
    """A staff account. Our own model from the start, so it can grow without a painful swap."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


@receiver(pre_delete, sender=User, dispatch_uid="bhp.keep_audit_entries")
def keep_audit_entries(sender, instance, **kwargs):
    """Refuse to delete an account the audit log names, from anywhere (the admin offers no
    delete at all). Django's `LogEntry.user` cascades, and being Django's model it cannot
    be made PROTECT; this signal also runs for each account a queryset deletes."""
    if instance.logentry_set.exists():
        raise ProtectedError(
            f"The audit log records what {instance.get_username()} did, and deleting the "
            "account would delete those entries. Deactivate it instead (untick "
            "“Active”).",
            set(instance.logentry_set.all()),
        )
