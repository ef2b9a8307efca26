"""Holding a time for a browser while its patient fills in the form.

A hold is made like a booking: in one transaction that locks the practitioner's row,
re-checks the time against bookings and every other unexpired hold, then writes. So two
browsers never hold one time, and a hold and a booking never both win it. An expired hold
is simply ignored by every later check (see `selectors.load_diaries`)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.availability import Problem
from bookings.models import Hold, Treatment
from bookings.services.booking import check_time
from bookings.services.errors import NotBookable, SlotUnavailable
from bookings.services.slot_guard import lock
from bookings.waitlist import matching
from practitioners.models import Practitioner


def browser_holder(key: str) -> str:
    """The holder name of a browser, from the random key kept in its session."""
    return f"browser:{key}"


def new_hold(
    *,
    holder: str,
    practitioner: Practitioner,
    treatment: Treatment,
    start: datetime,
    expires_at: datetime,
    offer=None,
) -> Hold:
    end = start + treatment.duration
    return Hold(
        holder=holder,
        practitioner=practitioner,
        treatment=treatment,
        start=start,
        end=end,
        blocked_until=end + treatment.buffer,
        expires_at=expires_at,
        offer=offer,
    )


def hold_time(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    start: datetime,
    holder: str,
    now: datetime | None = None,
) -> Hold:
    """Hold a free time for HOLD_MINUTES (never past the last moment it can be booked
    online). The holder's previous hold, whatever its time, is replaced: one browser
    holds at most one time. Raises SlotUnavailable or NotBookable."""
    now = now or timezone.now()
    expires = matching.hold_expiry(
        now=now,
        start=start,
        keep=timedelta(minutes=settings.HOLD_MINUTES),
        notice=timedelta(hours=settings.BOOKING_MIN_NOTICE_HOURS),
    )
    if expires is None:
        raise SlotUnavailable(Problem.TOO_SOON)
    if not (treatment.is_active and practitioner.is_listed):
        raise NotBookable("That treatment or practitioner cannot be booked online.")
    with transaction.atomic():
        practitioner = lock(practitioner)
        check_time(
            practitioner=practitioner,
            treatment=treatment,
            start=start,
            by_staff=False,
            exclude_holder=holder,
            now=now,
        )
        hold = new_hold(
            holder=holder,
            practitioner=practitioner,
            treatment=treatment,
            start=start,
            expires_at=expires,
        )
        _replace(hold)
    return hold


def _replace(hold: Hold) -> None:
    """Save `hold` in place of its holder's previous one. Two requests of one browser at
    once (for two practitioners, so under two locks) meet on the unique holder: the
    later one replaces the earlier."""
    for attempt in range(2):
        Hold.objects.filter(holder=hold.holder).delete()
        try:
            with transaction.atomic():
                hold.save()
            return
        except IntegrityError:
            if attempt:
                raise


def release(holder: str) -> None:
    Hold.objects.filter(holder=holder).delete()
