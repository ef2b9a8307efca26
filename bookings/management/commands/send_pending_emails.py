from django.core.management.base import BaseCommand

from bookings import outbox


class Command(BaseCommand):
    help = (
        "Send every queued email that is due, then exit: the cron fallback for the "
        "deliver_mail worker (the same as `deliver_mail --once`). Safe to overlap."
    )

    def handle(self, *args, **options):
        sent, pending = outbox.send_pending()
        self.stdout.write(f"{sent} sent, {pending} still pending.")
