"""Let Communications add, change and publish opportunities and share drafts with
reviewers; Administrators get every new permission, as before."""

from django.db import migrations

from bhp.roles import grant_roles


def grant(apps, schema_editor):
    grant_roles(
        apps,
        {
            "opportunities.opportunity": ["add", "change", "view", "publish"],
            "opportunities.sharelink": ["add", "change", "delete", "view"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0010_wxr_roles"),
        ("opportunities", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
