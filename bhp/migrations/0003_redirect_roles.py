"""Let both staff roles manage redirects from the old website's addresses.

The site record itself follows the SITE_DOMAIN setting, so nobody is given rights over it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("redirects")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="redirects",
        codename__in=[f"{action}_redirect" for action in ACTIONS],
    )
    for group in Group.objects.filter(name__in=["Communications", "Administrators"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(
        name__in=["Communications", "Administrators"]
    ):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="redirects"))


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0002_staff_roles"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
