import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from bookings import services

logger = logging.getLogger("bookings.waitlist")


class Command(BaseCommand):
    help = (
        "The waiting list's worker: close offers past their time, offer freed times to the "
        "next person waiting, drop entries past their date. Runs every few seconds until "
        "stopped (SIGTERM or Ctrl+C); --once for cron. Safe to run in several copies."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between passes (default WAITLIST_INTERVAL_SECONDS).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        if once:
            self.say(self.describe(services.run_pass()))
            return
        self.stopping = False
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.stop)
        interval = settings.WAITLIST_INTERVAL_SECONDS if interval is None else interval
        self.say(f"Waiting list: a pass every {interval:g} s; stop with Ctrl+C or SIGTERM.")
        while not self.stopping:
            self.one_pass()
            self.sleep(interval)
        self.say("Stopped.")

    def stop(self, signum, frame):
        self.stopping = True  # the pass in hand finishes first

    def one_pass(self) -> None:
        close_old_connections()  # notice a database that restarted or timed out
        try:
            report = services.run_pass()
        except DatabaseError as error:
            logger.warning("Waiting-list pass failed (%s); will retry", type(error).__name__)
            close_old_connections()
            return
        if report.expired or report.offered or report.dropped:
            # Counts only: never a name, an address or a time with a person.
            logger.info(self.describe(report))

    @staticmethod
    def describe(report) -> str:
        return (
            f"{report.offered} offered, {report.expired} expired, "
            f"{report.dropped} dropped past their date."
        )

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.1, seconds))

    def say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
