import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from bookings import outbox

logger = logging.getLogger("bookings.emails")


class Command(BaseCommand):
    help = (
        "Send queued email, looking at the queue every few seconds until stopped "
        "(SIGTERM or Ctrl+C). Safe to run in several copies; --once for cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Send what is due now, then exit (for cron)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between looks at the queue (default EMAIL_WORKER_INTERVAL_SECONDS).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        if once:
            sent, pending = outbox.send_pending()
            self.stdout.write(f"{sent} sent, {pending} still pending.")
            return
        self.stopping = False
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.stop)
        interval = settings.EMAIL_WORKER_INTERVAL_SECONDS if interval is None else interval
        self.say(f"Delivering mail every {interval:g} s; stop with Ctrl+C or SIGTERM.")
        total = 0
        while not self.stopping:
            total += self.deliver()
            self.sleep(interval)
        self.say(f"Stopped: {total} sent.")

    def stop(self, signum, frame):
        # The message being sent is finished first; nothing is left half-claimed.
        self.stopping = True

    def deliver(self) -> int:
        # A long-running process must notice a database that restarted or timed out.
        close_old_connections()
        try:
            sent, _ = outbox.send_pending(stop=lambda: self.stopping)
        except DatabaseError as error:
            logger.warning(
                "Mail worker cannot reach the database (%s); will retry", type(error).__name__
            )
            close_old_connections()
            return 0
        return sent

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.1, seconds))

    def say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
