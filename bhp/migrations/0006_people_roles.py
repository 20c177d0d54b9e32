"""Let Communications staff add and change people and their roles (but not delete a
person: administrators do that). Administrators get everything about people too."""

from django.db import migrations

from bhp.roles import grant_roles


def grant(apps, schema_editor):
    grant_roles(
        apps,
        {
            "people.person": ["add", "change", "view"],
            # Deleting a role is how a mistaken one is taken off a person's page.
            "people.role": ["add", "change", "delete", "view"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0005_pages_roles"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
