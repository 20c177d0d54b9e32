"""Let Communications request members' sign-off on articles and see every sign-off;
Administrators get everything, including press contacts on the organisations."""

from django.db import migrations

from bhp.roles import grant_roles


def grant(apps, schema_editor):
    grant_roles(apps, {"signoff.signoff": ["view", "add"]})


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0008_review_roles"),
        ("signoff", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
