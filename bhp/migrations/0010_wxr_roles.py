"""Administrators may read the WordPress import's reports; Communications do not see them."""

from django.db import migrations

from bhp.roles import grant_roles


def grant(apps, schema_editor):
    grant_roles(apps, {})


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0009_signoff_roles"),
        ("wordpress", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
