from django.conf import settings
from django.core.management.base import BaseCommand

from bookings import services


class Command(BaseCommand):
    help = (
        "Anonymise patient records (and bookings on no record) whose last appointment is "
        "older than RECORD_RETENTION_YEARS; delete used or expired sign-in and confirmation "
        "links and link emails older than LINK_EMAIL_RETENTION_DAYS. What the privacy notice "
        "promises. Safe to run from cron, even overlapping; prints counts, never names."
    )

    def handle(self, *args, **options):
        done = services.apply_retention()
        self.stdout.write(
            f"Retention ({settings.RECORD_RETENTION_YEARS} years; link emails "
            f"{settings.LINK_EMAIL_RETENTION_DAYS} days): {done['patients']} patient record(s) "
            f"and {done['bookings']} booking(s) on no record anonymised; {done['links']} "
            f"link(s) and {done['messages']} message(s) deleted."
        )
