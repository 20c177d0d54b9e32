"""Communications add, change and publish publications, with their authors, and share
drafts with reviewers; Administrators get every new permission, as before."""

from django.db import migrations

from bhp.roles import grant_roles

COMMUNICATIONS = {
    "publications.publication": ["add", "change", "view", "publish"],
    "publications.author": ["add", "change", "delete", "view"],
    "publications.sharelink": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    grant_roles(apps, COMMUNICATIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0012_events_roles"),
        ("publications", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
