"""Granting permissions to the staff roles, shared by the migrations that create them."""

from django.contrib.auth.management import create_permissions
from django.db.models import Q


def codename(model, action):
    # "publish" too: each publishable model has its own ("publish_article", "publish_page").
    return f"{action}_{model}"


def grant_roles(apps, communications_permissions):
    """Give Communications the listed permissions, and Administrators everything people manage.

    `communications_permissions` maps "app_label.model" to actions such as "add" or "view".
    """
    # Permissions are normally made after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    grant_group(apps, "Communications", communications_permissions)

    administrators, _ = Group.objects.get_or_create(name="Administrators")
    # Everything people manage; the framework's own bookkeeping tables stay read-only.
    framework = Q(content_type__app_label__in=["admin", "contenttypes", "sessions"])
    administrators.permissions.add(
        *Permission.objects.filter(~framework | Q(codename__startswith="view_"))
    )


def grant_group(apps, name, permissions):
    """Give the group called `name` (made if need be) the listed permissions, mapping
    "app_label.model" to actions; its permissions must exist (see `grant_roles`)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=name)
    for label, actions in permissions.items():
        app_label, model = label.split(".")
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[codename(model, action) for action in actions],
            )
        )
    return group
