"""Let Communications see the outbox of email notifications and send again what did not go;
Administrators get everything (grant_roles)."""

from django.db import migrations

from bhp.roles import grant_roles


def grant(apps, schema_editor):
    grant_roles(apps, {"notifications.notification": ["view", "resend"]})


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0007_contact_roles"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
