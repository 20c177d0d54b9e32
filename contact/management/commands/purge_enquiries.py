from django.conf import settings
from django.core.management.base import BaseCommand

from contact.models import Enquiry


class Command(BaseCommand):
    help = (
        "Delete enquiries older than ENQUIRY_RETENTION_DAYS. Each new enquiry and each look at "
        "the admin's list does this too; run it daily from cron so that it happens on quiet days."
    )

    def handle(self, *args, **options):
        deleted = Enquiry.objects.purge()
        self.stdout.write(
            f"Deleted {deleted} enquir{'y' if deleted == 1 else 'ies'} older than "
            f"{settings.ENQUIRY_RETENTION_DAYS} days."
        )
