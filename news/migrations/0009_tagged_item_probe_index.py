from django.db import migrations

# The news filter's topic choices ask, for each tag, whether any live article carries it. An
# index led by the tag, then the kind of object and its id, answers that with a short walk
# per tag. taggit's own indexes lead with the object, so the probe scanned its whole table.
# taggit is not ours to change, so the index is added here, by name, on its table.
INDEX = "news_taggeditem_tag_probe"


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_people_named_and_bylines"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
