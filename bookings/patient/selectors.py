"""What the patient's day strip reads: every day from today to the booking horizon, two
weeks at a time, each with its free times and, when it has none, why not."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bookings import availability
from bookings.diaries import cached_diaries
from bookings.models import Booking, Treatment
from bookings.selectors import Offer, free_starts, group_offers, slot_rules
from clinic.clock import day_range, local_date
from practitioners.models import Practitioner

WINDOW_DAYS = 14

# Why a day shows no times, most fundamental first. Templates turn these into words.
FREE, CLOSED, OFF, OVER, FULL = "free", "closed", "off", "over", "full"


@dataclass(frozen=True)
class Day:
    day: date
    offers: list[Offer]
    state: str


@dataclass(frozen=True)
class Window:
    """Up to WINDOW_DAYS days, with the first days of the fortnights either side."""

    days: list[Day]
    earlier: date | None
    later: date | None
    first_bookable: date
    last_bookable: date


def _bounds(around: date | None, today: date, last_bookable: date) -> tuple[date, date]:
    """The fortnight, counted from today, holding `around` (clamped to the bookable days)."""
    around = min(max(around or today, today), last_bookable)
    first = today + timedelta(days=(around - today).days // WINDOW_DAYS * WINDOW_DAYS)
    return first, min(first + timedelta(days=WINDOW_DAYS - 1), last_bookable)


def _state(day: date, offers: list[Offer], closures, open_gaps, earliest: datetime) -> str:
    """Why a day shows the times it does: `closures` are the clinic's, `open_gaps` every
    practitioner's working time less time off and closures, over the whole window."""
    if offers:
        return FREE
    start, end = day_range(day, day)
    if any(c.start <= start and end <= c.end for c in closures):
        return CLOSED
    open_time = [gap for gap in open_gaps if gap.start < end and start < gap.end]
    if not open_time:
        return OFF
    return OVER if all(gap.end <= earliest for gap in open_time) else FULL


def bookable_window(
    *,
    treatment: Treatment,
    practitioners: list[Practitioner],
    around: date | None,
    now: datetime,
    exclude_booking: Booking | None = None,
    exclude_holder: str | None = None,
) -> Window:
    """The fortnight of days holding `around`, each with its offers and state, in the same
    fixed number of queries as the offers alone. A booking being moved frees its own time
    for the times around it, but its own start is not offered. Other browsers' holds are
    busy; `exclude_holder`'s own hold is free to it."""
    rules = slot_rules(treatment, now)
    today, last_bookable = local_date(now), local_date(rules.latest)
    first, last = _bounds(around, today, last_bookable)
    diaries = cached_diaries(
        [p.pk for p in practitioners],
        first,
        last,
        exclude_booking=exclude_booking,
        now=now,
        exclude_holder=exclude_holder,
    )
    slots = free_starts(diaries, rules)
    if exclude_booking is not None:
        # Moving to the time it already has is no move: never offer it.
        slots = {pk: [s for s in st if s != exclude_booking.start] for pk, st in slots.items()}
    offers = group_offers(practitioners, slots, first, last)
    closures = {c for d in diaries.values() for c in d.closures}
    open_gaps = []
    if not all(offers.values()):  # only a day without times needs to know why
        open_gaps = [
            gap for d in diaries.values() for gap in availability.subtract(d.working, d.unavailable)
        ]
    days = [Day(d, o, _state(d, o, closures, open_gaps, rules.earliest)) for d, o in offers.items()]
    earlier = first - timedelta(days=WINDOW_DAYS) if first > today else None
    later = last + timedelta(days=1) if last < last_bookable else None
    return Window(days, earlier, later, today, last_bookable)
