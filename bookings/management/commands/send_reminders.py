from django.conf import settings
from django.core.management.base import BaseCommand

from bookings import services


class Command(BaseCommand):
    help = (
        "Email each upcoming booking's reminder once (REMINDER_HOURS_BEFORE ahead). "
        "Safe to run from cron every few minutes, even overlapping."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=None, help="Override REMINDER_HOURS_BEFORE."
        )

    def handle(self, *args, hours=None, **options):
        sent = services.send_due_reminders(hours_before=hours or settings.REMINDER_HOURS_BEFORE)
        self.stdout.write(f"{sent} reminder(s) queued.")
