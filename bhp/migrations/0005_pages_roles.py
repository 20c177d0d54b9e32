"""Staff roles for the page tree.

Communications staff add pages, and change and publish those an administrator lets them
(a page's "Communications may edit"; `pages.change_every_page` is for administrators), and
share drafts with reviewers. Administrators get every new permission, as before.
"""

from django.db import migrations

from bhp.roles import grant_roles

COMMUNICATIONS = {
    "pages.page": ["add", "change", "view", "publish"],
    "pages.sharelink": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    grant_roles(apps, COMMUNICATIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0004_redirect_roles"),
        ("pages", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
