"""Joining, changing and leaving the waiting list, the pass that offers freed times, and
the retention of entries past their date.

Why a pass rather than a call from each service that frees time: a time frees in many
ways (a cancellation, a move, time off removed, hours added in the admin, a hold or an
offer running out, a booking changed by hand), and a hook after commit is lost if the
process dies between the commit and the hook. A pass that looks at what is free now
misses nothing, whatever freed it; it runs every WAITLIST_INTERVAL_SECONDS in the
`waitlist` worker and is safe in several copies (every offer is made under the
practitioner's lock with a re-check, and every expiry is claimed once).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bookings.models import Hold, Treatment, WaitlistEntry, WaitlistOffer
from bookings.services.errors import BookingError, NotBookable, OfferNotMade, SlotUnavailable
from bookings.services.offers import expire_due_offers, make_offer
from bookings.services.slot_guard import lock
from bookings.waitlist import emails as waitlist_emails
from bookings.waitlist import selectors
from bookings.waitlist.matching import TimeRange
from clinic import tokens
from clinic.clock import local_date
from clinic.models import Condition
from practitioners.models import Practitioner

# Someone who let an offer run out is not offered another for this long: they may be
# away, and the next person should not wait behind them.
RESTS_AFTER_UNANSWERED = timedelta(hours=12)
# Times tried per person per pass before moving on (each failure is a diary that changed
# since it was read).
TRIES = 3


@dataclass(frozen=True)
class Wishes:
    """What suits a person on the list."""

    treatment: Treatment
    practitioner: Practitioner | None
    condition: Condition | None
    ranges: list[TimeRange]
    until: date


def _check(wishes: Wishes, now: datetime) -> None:
    today = local_date(now)
    if not wishes.ranges:
        raise BookingError("Please choose at least one day and time that suits you.")
    if wishes.until < today:
        raise BookingError("Please choose a last date that is today or later.")
    if wishes.until > today + timedelta(days=settings.BOOKING_HORIZON_DAYS):
        raise BookingError(
            f"We book up to {settings.BOOKING_HORIZON_DAYS} days ahead; please choose an "
            "earlier last date."
        )
    if not wishes.treatment.is_active:
        raise NotBookable("That treatment cannot be booked online.")
    practitioner = wishes.practitioner
    if practitioner and not (
        practitioner.is_listed and practitioner.treatments.filter(pk=wishes.treatment.pk).exists()
    ):
        raise NotBookable(f"{practitioner.name} does not offer {wishes.treatment.name} online.")


def join_waitlist(
    *, first_name: str, last_name: str, email: str, wishes: Wishes, now: datetime | None = None
) -> WaitlistEntry:
    """Put someone on the list and email them a private link to change or leave it."""
    now = now or timezone.now()
    _check(wishes, now)
    secret = tokens.new_secret()
    with transaction.atomic():
        entry = WaitlistEntry.objects.create(
            token_hash=tokens.digest(secret),
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip().lower(),
            **_fields(wishes),
        )
        waitlist_emails.joined(entry, secret)
    return entry


def _fields(wishes: Wishes) -> dict:
    return {
        "treatment": wishes.treatment,
        "practitioner": wishes.practitioner,
        "condition": wishes.condition,
        "times": [r.as_json() for r in sorted(set(wishes.ranges), key=_range_order)],
        "until": wishes.until,
    }


def _range_order(r: TimeRange):
    return (7 if r.weekday is None else r.weekday, r.start, r.end)


def change_wishes(
    *, entry: WaitlistEntry, wishes: Wishes, now: datetime | None = None
) -> WaitlistEntry:
    """Change what suits them. An offer already made stays open until answered."""
    _check(wishes, now or timezone.now())
    with transaction.atomic():
        entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        for name, value in _fields(wishes).items():
            setattr(entry, name, value)
        entry.save()
    return entry


def leave_waitlist(*, entry: WaitlistEntry) -> None:
    """Take them off the list and forget them; an open offer's time is freed at once."""
    with transaction.atomic():
        open_offer = entry.offers.filter(status=WaitlistOffer.Status.PENDING).first()
        if open_offer is not None:
            lock(open_offer.practitioner)  # the order every path takes: diary, then entry
        WaitlistEntry.objects.filter(pk=entry.pk).delete()


def drop_past_entries(*, today: date) -> int:
    """Retention: forget everyone whose last date has passed, with their offers."""
    deleted, by_model = WaitlistEntry.objects.filter(until__lt=today).delete()
    return by_model.get(WaitlistEntry._meta.label, 0)


def offer_free_times(*, now: datetime | None = None) -> int:
    """Offer each person still waiting, in the order they joined, the earliest free time
    that suits them. Returns how many offers were made."""
    now = now or timezone.now()
    entries = selectors.waiting_entries(local_date(now))
    if not entries:
        return 0
    free = selectors.FreeTimes(now, max(selectors.last_day_for(e, now) for e in entries))
    made = 0
    for entry in entries:
        if _resting(entry, now):
            continue
        made += _offer_one(entry, free, now)
    return made


def _resting(entry: WaitlistEntry, now: datetime) -> bool:
    last = entry.offers.order_by("-created_at", "-pk").first()
    return (
        last is not None
        and last.status == WaitlistOffer.Status.EXPIRED
        and last.decided_at is not None
        and now - last.decided_at < RESTS_AFTER_UNANSWERED
    )


def _offer_one(entry: WaitlistEntry, free: "selectors.FreeTimes", now: datetime) -> int:
    for tries, (practitioner, start) in enumerate(selectors.suitable_times(entry, free)):
        if tries == TRIES:
            return 0
        try:
            make_offer(entry=entry, practitioner=practitioner, start=start, now=now)
        except (SlotUnavailable, NotBookable):
            free.forget(practitioner)  # someone changed that diary since it was read
            continue
        except OfferNotMade:
            return 0
        free.forget(practitioner)
        return 1
    return 0


@dataclass(frozen=True)
class PassReport:
    expired: int
    offered: int
    dropped: int


def run_pass(*, now: datetime | None = None) -> PassReport:
    """One pass of the waiting-list worker: close offers past their time, offer free times
    to whoever is next, drop entries past their date, and tidy long-expired holds (only
    housekeeping: an expired hold already frees its time)."""
    now = now or timezone.now()
    expired = expire_due_offers(now=now)
    offered = offer_free_times(now=now)
    dropped = drop_past_entries(today=local_date(now))
    Hold.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    return PassReport(expired=expired, offered=offered, dropped=dropped)
