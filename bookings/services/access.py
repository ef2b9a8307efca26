"""Links that open something without a password: a booking's manage link, and the
"my bookings" sign-in link. The link carries a secret; only its digest is stored
(AccessToken), so the secret exists in the message or page that issued it and nowhere else."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bookings import emails
from bookings.models import AccessToken, Booking
from bookings.services.booking import book

SIGN_IN_LINKS_PER_HOUR = 3


def issue_manage_secret(*, booking: Booking) -> str:
    """A new secret for this booking's manage link. Earlier links keep working: each
    message or page that shows a manage link gets its own."""
    return AccessToken.objects.issue(AccessToken.Purpose.MANAGE, booking=booking)


def book_with_manage_secret(**booking) -> tuple[Booking, str]:
    """`book` (same keyword arguments, same errors), and a secret for the manage link of
    the page that confirms it, in one transaction: the booking, its emails and both its
    links are written together, and on SQLite the write lock is taken once, not twice."""
    with transaction.atomic():
        made = book(**booking)
        return made, issue_manage_secret(booking=made)


def booking_for_manage_secret(*, reference: str, secret: str) -> Booking | None:
    """The booking this manage link opens, or None: a wrong secret and an unknown
    reference look the same."""
    if not secret:
        return None
    token = AccessToken.objects.find(AccessToken.Purpose.MANAGE, secret)
    if token is None:
        return None
    return (
        Booking.objects.select_related("patient", "practitioner", "treatment")
        .filter(pk=token.booking_id, reference=reference)
        .first()
    )


def send_sign_in_link(*, email: str, now: datetime | None = None) -> None:
    """Email a "my bookings" sign-in link to the address, whether or not anyone has booked
    with it: the same work either way (one token row, one queued message), so neither the
    answer nor its timing tells who is a patient here. An address gets at most
    SIGN_IN_LINKS_PER_HOUR, so no one can flood a mailbox through the form."""
    email = email.strip().lower()
    now = now or timezone.now()
    with transaction.atomic():
        recent = AccessToken.objects.filter(
            purpose=AccessToken.Purpose.SIGN_IN,
            email=email,
            created_at__gte=now - timedelta(hours=1),
        ).count()
        if recent >= SIGN_IN_LINKS_PER_HOUR:
            return
        secret = AccessToken.objects.issue(
            AccessToken.Purpose.SIGN_IN, email=email, lifetime=AccessToken.SIGN_IN_LIFETIME
        )
        path = reverse("bookings:my_bookings_sign_in")
        emails.sign_in_link(to=email, link=f"{settings.SITE_URL}{path}?token={secret}")


def sign_in_link_is_usable(secret: str) -> bool:
    return (
        bool(secret) and AccessToken.objects.find(AccessToken.Purpose.SIGN_IN, secret) is not None
    )


def use_sign_in_link(*, secret: str, now: datetime | None = None) -> AccessToken | None:
    """The sign-in link this secret belongs to, now used; or None. A link works once: the
    conditional UPDATE lets only one of two simultaneous clicks through."""
    now = now or timezone.now()
    token = AccessToken.objects.find(AccessToken.Purpose.SIGN_IN, secret, now) if secret else None
    if token is None:
        return None
    claimed = AccessToken.objects.filter(pk=token.pk, used_at__isnull=True).update(used_at=now)
    return token if claimed else None
