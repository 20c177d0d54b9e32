"""Let Communications staff add, change and publish events, and share previews of them
(deleting an event is left to administrators, as for articles). Administrators get
everything about events too."""

from django.db import migrations

from bhp.roles import grant_roles


def grant(apps, schema_editor):
    grant_roles(
        apps,
        {
            "events.event": ["add", "change", "view", "publish"],
            "events.sharelink": ["add", "change", "delete", "view"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0011_opportunities_roles"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
