"""Let Communications read, delete and resend the enquiries on their topics (each topic names
the groups who read its enquiries); Administrators get everything, including every topic's
enquiries, the topics themselves and the press page's text."""

from django.db import migrations

from bhp.roles import grant_roles


def grant(apps, schema_editor):
    grant_roles(apps, {"contact.enquiry": ["view", "delete", "resend"]})


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0006_people_roles"),
        ("contact", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
