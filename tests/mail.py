"""Mail in tests: requests only queue it; the mail worker delivers it (bookings.outbox)."""

from contextlib import contextmanager

from bookings import outbox


@contextmanager
def mail_delivered():
    """Run the block, then deliver everything it queued, as the mail worker would."""
    yield
    outbox.send_pending()
