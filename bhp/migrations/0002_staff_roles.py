"""Create the staff roles, so every install has them without anyone clicking.

Communications staff write and publish news and tags, and may look at (not change)
members and strategy. Administrators may do everything, including staff accounts.

Permissions are granted for the models that exist here. A later model needs its own
migration adding its permissions to these groups.
"""

from django.db import migrations

from bhp.roles import grant_roles

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


def create_roles(apps, schema_editor):
    grant_roles(apps, COMMUNICATIONS)


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
