"""Staff roles for documents and preview links, added with the editorial workflow.

Communications staff attach documents to news and share drafts with reviewers; revoking a
preview link deletes it. Administrators get every new permission, as before.
"""

from django.db import migrations

from bhp.roles import grant_roles

COMMUNICATIONS = {
    "documents.document": ["add", "change", "view"],
    "news.sharelink": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    grant_roles(apps, COMMUNICATIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0002_staff_roles"),
        ("documents", "0001_initial"),
        ("news", "0002_scheduling_images_documents_share_links"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
