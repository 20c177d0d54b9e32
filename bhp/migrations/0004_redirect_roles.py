"""Let Communications staff manage redirects from the old website's addresses (the
importer records one per article; staff add the rest). Administrators get them too."""

from django.db import migrations

from bhp.roles import grant_roles


def grant(apps, schema_editor):
    grant_roles(apps, {"redirects.redirect": ["add", "change", "delete", "view"]})


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0003_editorial_roles"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
