"""Changes to a practitioner's own record that need nothing from bookings."""

from clinic import tokens
from practitioners.models import Practitioner


def replace_feed_token(*, practitioner: Practitioner) -> str:
    """A new private calendar address; the old one stops working at once. Returns the
    secret for the address, which is shown once and never stored."""
    secret = tokens.new_secret()
    practitioner.feed_token_digest = tokens.digest(secret)
    practitioner.save(update_fields=["feed_token_digest"])
    return secret


def practitioner_for_feed(secret: str) -> Practitioner | None:
    """Whose feed this secret opens, or None. Only the digest reaches the query."""
    found = Practitioner.objects.filter(feed_token_digest=tokens.digest(secret)).first()
    return found if found is not None and tokens.matches(secret, found.feed_token_digest) else None
