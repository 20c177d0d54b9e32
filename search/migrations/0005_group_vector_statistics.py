"""Finer statistics of the stored words of every group searched beside the news, on
PostgreSQL.

A search asks which groups match at all, one row at most from each (search.views.MATCHED).
For a word the statistics do not list, PostgreSQL took it to be in one publication in two
hundred, so that reading the publications in turn would soon find one, and did so: it read
and unpacked the long stored words of every publication (2.7 ms of the 2,000 in the bench
data) where the GIN index answers at once. Listing ten times as many words makes the
estimate of an unlisted word small enough that the index is chosen; for a common word,
reading in turn is still chosen, and still right.
"""

from django.db import migrations

GROUPS = ["Page", "Person", "Organisation", "ResearchTheme", "Priority", "Event", "Opportunity",
          "Publication"]  # fmt: skip
FINER, DEFAULT = 1000, -1


def _set_statistics(target):
    def set_statistics(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in GROUPS:
            table = schema_editor.quote_name(
                apps.get_model("search", f"{name}SearchDocument")._meta.db_table
            )
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN vector SET STATISTICS {target}")
            schema_editor.execute(f"ANALYZE {table}")

    return set_statistics


class Migration(migrations.Migration):
    dependencies = [("search", "0004_title_indexes")]

    operations = [migrations.RunPython(_set_statistics(FINER), _set_statistics(DEFAULT))]
