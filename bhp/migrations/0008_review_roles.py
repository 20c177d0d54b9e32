"""Let Communications see the outbox of email notifications and send again what did not go;
Administrators get everything (grant_roles). Contributors: staff at member organisations who
write articles and submit them for review, and can publish nothing (workflow/admin.py keeps
them to their own drafts)."""

from django.db import migrations

from bhp.roles import grant_group, grant_roles

CONTRIBUTORS = {
    "news.article": ["add", "change", "view"],
    # What the article form's pickers look up.
    "members.organisation": ["view"],
    "strategy.researchtheme": ["view"],
    "strategy.priority": ["view"],
    "people.person": ["view"],
}


def grant(apps, schema_editor):
    # grant_roles first: it makes the permissions the Contributors need.
    grant_roles(apps, {"notifications.notification": ["view", "resend"]})
    grant_group(apps, "Contributors", CONTRIBUTORS)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Contributors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0007_contact_roles"),
        ("notifications", "0001_initial"),
        ("news", "0001_initial"),
        ("members", "0001_initial"),
        ("strategy", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, remove)]
