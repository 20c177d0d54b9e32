"""Create the staff roles, so every install has them without anyone clicking.

Communications staff write and publish news and tags, and may look at (not change)
members and strategy. Administrators may do everything, including staff accounts.

Permissions are granted for the models that exist here. A later model needs its own
migration adding its permissions to these groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

COMMUNICATIONS = {
    "news.article": ["add", "change", "view", "publish"],
    "taggit.tag": ["add", "change", "view"],
    "taggit.taggeditem": ["add", "change", "view"],
    "members.organisation": ["view"],
    "strategy.goal": ["view"],
    "strategy.researchtheme": ["view"],
    "strategy.priority": ["view"],
    "strategy.keystatistic": ["view"],
    "strategy.strategypage": ["view"],
}


def codename(model, action):
    return "publish_article" if action == "publish" else f"{action}_{model}"


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    communications, _ = Group.objects.get_or_create(name="Communications")
    for label, actions in COMMUNICATIONS.items():
        app_label, model = label.split(".")
        communications.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[codename(model, action) for action in actions],
            )
        )

    administrators, _ = Group.objects.get_or_create(name="Administrators")
    # Everything people manage; the framework's own bookkeeping tables stay read-only.
    framework = Q(content_type__app_label__in=["admin", "contenttypes", "sessions"])
    administrators.permissions.add(
        *Permission.objects.filter(~framework | Q(codename__startswith="view_"))
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Communications", "Administrators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bhp", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0001_initial"),
        ("news", "0001_initial"),
        ("strategy", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
