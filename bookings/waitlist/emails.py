"""The waiting list's messages, queued in the outbox like every other (bookings.emails).
Each carries a secret link; only its hash is stored, so the secret exists nowhere but in
the message."""

from datetime import datetime

from django.conf import settings

from bookings.emails import queue
from bookings.models import WaitlistEntry, WaitlistOffer
from clinic.clock import clinic_tz


def _local(moment: datetime) -> datetime:
    return moment.astimezone(clinic_tz())


def joined(entry: WaitlistEntry, secret: str) -> None:
    queue(
        kind="waitlist_joined",
        to=entry.email,
        subject=f"You are on the waiting list at {settings.CLINIC_NAME}",
        context={
            "entry": entry,
            "ranges": [r.describe() for r in entry.ranges],
            "manage_link": settings.SITE_URL + entry.manage_url(secret),
        },
    )


def offer_made(offer: WaitlistOffer, secret: str) -> None:
    start = _local(offer.start)
    queue(
        kind="waitlist_offer",
        to=offer.entry.email,
        subject=f"A time for you: {start:%A %-d %B at %H:%M}",
        context={
            "offer": offer,
            "entry": offer.entry,
            "start": start,
            "expires": _local(offer.expires_at),
            "offer_link": settings.SITE_URL + offer.link(secret),
        },
    )
