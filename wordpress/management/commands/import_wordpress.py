"""Import a WordPress export (WXR) and the uploads folder: see docs/operations.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import Importer
from wordpress.wxr import ExportError, read_export


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, WXR 1.1 or 1.2): posts as articles, pages, "
        "categories and tags, authors as people, featured images and documents from --uploads. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The export's XML file")
        parser.add_argument("--uploads", type=Path, help="The old site's wp-content/uploads folder")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )

    def handle(self, *args, export, uploads, dry_run, **options):
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"{uploads}: no such folder.")
        try:
            with export.open("rb") as file:
                wxr = read_export(file)
        except OSError as error:
            raise CommandError(f"{export}: {error.strerror or error}.") from error
        except ExportError as error:
            raise CommandError(f"{export} cannot be imported: {error}.") from error
        importer = Importer(wxr, uploads=uploads, dry_run=dry_run, name=export.name)
        for line in importer.run():
            style = {"failed": self.style.ERROR, "file missing": self.style.WARNING}
            self.stdout.write(style.get(line.outcome, str)(str(line)))
        totals = ", ".join(f"{count} {outcome}" for outcome, count in importer.totals.items())
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Dry run, nothing saved: {totals}."))
        else:
            run = importer.save_report()
            self.stdout.write(
                self.style.SUCCESS(f"{totals}. The report is kept in the admin ({run}).")
            )
