"""Free times for the pages, from the diaries (bookings/diaries.py) and the engine.

Whatever the number of practitioners, days or existing bookings, finding free times costs a
fixed number of queries: one for the diary versions when the diaries are cached, three more
when they are not.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice

from django.conf import settings
from django.db.models import F, Q

from bookings import availability
from bookings.availability import SlotRules
from bookings.diaries import Diary, cached_diaries
from bookings.models import Booking, Treatment
from clinic.clock import local_date
from practitioners.models import Practitioner


def slot_rules(treatment: Treatment, now: datetime) -> SlotRules:
    return SlotRules(
        duration=treatment.duration,
        buffer=treatment.buffer,
        step=timedelta(minutes=settings.BOOKING_SLOT_STEP_MINUTES),
        earliest=now + timedelta(hours=settings.BOOKING_MIN_NOTICE_HOURS),
        latest=now + timedelta(days=settings.BOOKING_HORIZON_DAYS),
    )


def free_starts_by_practitioner(
    practitioners: list[Practitioner],
    treatment: Treatment,
    first_day: date,
    last_day: date,
    now: datetime,
    *,
    exclude_booking: Booking | None = None,
    exclude_holder: str | None = None,
) -> dict[int, list[datetime]]:
    """Free start times per practitioner id, between two local dates (inclusive)."""
    diaries = cached_diaries(
        [p.pk for p in practitioners],
        first_day,
        last_day,
        exclude_booking=exclude_booking,
        now=now,
        exclude_holder=exclude_holder,
    )
    return free_starts(diaries, slot_rules(treatment, now))


def free_starts(diaries: dict[int, Diary], rules: SlotRules) -> dict[int, list[datetime]]:
    """Free start times per practitioner id, from diaries already loaded."""
    return {
        pk: availability.free_slots(
            working=c.working, unavailable=c.unavailable, bookings=c.bookings, rules=rules
        )
        for pk, c in diaries.items()
    }


def first_available(
    practitioners: list[Practitioner], slots_by_practitioner: dict[int, list[datetime]]
) -> dict[datetime, Practitioner]:
    """Each free time, with the first practitioner (in directory order) free then."""
    offers: dict[datetime, Practitioner] = {}
    for practitioner in practitioners:
        for start in slots_by_practitioner.get(practitioner.pk, []):
            offers.setdefault(start, practitioner)
    return dict(sorted(offers.items()))


def bookable_practitioner(treatment: Treatment, slug: str) -> Practitioner | None:
    """The listed practitioner with this slug, if they offer this treatment online."""
    return bookable_practitioners(treatment).filter(slug=slug).first()


def bookable_practitioners(treatment: Treatment, condition_slug: str = ""):
    """Listed practitioners who offer this treatment, optionally specialising in a condition."""
    queryset = Practitioner.objects.listed().filter(treatments=treatment)
    if condition_slug:
        queryset = queryset.filter(specialties__slug=condition_slug)
    return queryset.distinct()


def practitioners_for(treatment: Treatment, condition_slug: str = "") -> tuple[list, bool]:
    """Who a patient may book for this treatment and condition, and whether the condition
    narrowed the list: those who list it as a particular interest, or everyone who offers
    the treatment when nobody lists it (every practitioner treats every condition)."""
    if condition_slug:
        narrowed = list(bookable_practitioners(treatment, condition_slug))
        if narrowed:
            return narrowed, True
    return list(bookable_practitioners(treatment)), False


def matches_condition(
    practitioner: Practitioner, treatment: Treatment, condition_slug: str
) -> bool:
    """Whether first available for this condition could have offered this practitioner."""
    if not condition_slug or practitioner.specialties.filter(slug=condition_slug).exists():
        return True
    return not bookable_practitioners(treatment, condition_slug).exists()


@dataclass(frozen=True)
class Offer:
    start: datetime
    practitioner: Practitioner


def offers_by_day(
    treatment: Treatment,
    practitioners: list[Practitioner],
    first_day: date,
    last_day: date,
    now: datetime,
    *,
    exclude_booking: Booking | None = None,
    exclude_holder: str | None = None,
) -> dict[date, list[Offer]]:
    """Free times between two local dates, each with who is free then (the first in
    directory order when several are), grouped by local day. Every day in the range is a
    key, so days without a free time show as such."""
    slots = free_starts_by_practitioner(
        practitioners,
        treatment,
        first_day,
        last_day,
        now,
        exclude_booking=exclude_booking,
        exclude_holder=exclude_holder,
    )
    return group_offers(practitioners, slots, first_day, last_day)


def group_offers(
    practitioners: list[Practitioner],
    slots: dict[int, list[datetime]],
    first_day: date,
    last_day: date,
) -> dict[date, list[Offer]]:
    """Free times as offers (the first practitioner in directory order for each), by day."""
    days: dict[date, list[Offer]] = {
        first_day + timedelta(days=i): [] for i in range((last_day - first_day).days + 1)
    }
    for start, practitioner in first_available(practitioners, slots).items():
        day = local_date(start)
        if day in days:
            days[day].append(Offer(start, practitioner))
    return days


NEXT_FREE_DAYS = 14


def next_free_times(
    practitioners: list[Practitioner],
    treatment: Treatment,
    now: datetime,
    *,
    days: int = NEXT_FREE_DAYS,
    limit: int = 1,
) -> dict[int, list[datetime]]:
    """Each practitioner's own first free times for a treatment over the coming `days`.
    Every page that shows a "next free" reads it here, so they all agree with the API."""
    diaries = _coming_diaries([p.pk for p in practitioners], now, days)
    rules = slot_rules(treatment, now)
    return {pk: _first_starts(diary, rules, limit) for pk, diary in diaries.items()}


def next_free_by_practitioner(
    practitioners: list[Practitioner], now: datetime, *, days: int = NEXT_FREE_DAYS, limit: int = 1
) -> dict[int, tuple[Treatment, list[datetime]]]:
    """For each practitioner, the first active treatment they offer and their next free
    times for it over the coming `days`: {practitioner id: (treatment, [starts])}.
    A fixed number of queries, whatever the number of practitioners or treatments."""
    first_treatment: dict[int, Treatment] = {}
    for treatment in (
        Treatment.objects.active()
        .filter(practitioners__in=[p.pk for p in practitioners])
        .annotate(practitioner_id=F("practitioners"))
    ):
        first_treatment.setdefault(treatment.practitioner_id, treatment)
    diaries = _coming_diaries(list(first_treatment), now, days)
    return {
        pk: (treatment, _first_starts(diaries[pk], slot_rules(treatment, now), limit))
        for pk, treatment in first_treatment.items()
    }


def _coming_diaries(practitioner_ids: list[int], now: datetime, days: int) -> dict[int, Diary]:
    today = local_date(now)
    return cached_diaries(practitioner_ids, today, today + timedelta(days=days - 1), now=now)


def _first_starts(diary: Diary, rules: SlotRules, limit: int) -> list[datetime]:
    """The first `limit` free starts: the sweep stops as soon as it has them."""
    starts = availability.iter_free_slots(
        working=diary.working, unavailable=diary.unavailable, bookings=diary.bookings, rules=rules
    )
    return list(islice(starts, limit))


def bookings_for_email(email: str):
    """Every booking an address may see once its owner has signed in by a link sent to it:
    those on its patient record, and those made with it that are on no record yet."""
    return (
        Booking.objects.filter(Q(patient__email=email) | Q(patient__isnull=True, given_email=email))
        .select_related("patient", "practitioner", "treatment")
        .order_by("-start")
    )
