from django.core.management.base import BaseCommand

from bookings import emails


class Command(BaseCommand):
    help = "Retry every email the mail server has not yet accepted. Safe to run from cron."

    def handle(self, *args, **options):
        sent, pending = emails.send_pending()
        self.stdout.write(f"{sent} sent, {pending} still pending.")
