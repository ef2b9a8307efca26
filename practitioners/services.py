"""Changes to a practitioner's own record that need nothing from bookings."""

from practitioners.models import Practitioner, new_feed_token


def replace_feed_token(*, practitioner: Practitioner) -> Practitioner:
    """A new private calendar address; the old one stops working at once."""
    practitioner.feed_token = new_feed_token()
    practitioner.save(update_fields=["feed_token"])
    return practitioner
