"""Reading what the availability engine needs, in a fixed number of queries.

Whatever the number of practitioners, days or existing bookings, finding free slots costs
five queries: working hours, time off, closures, the bookings in range and the unexpired
holds in range.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from bookings import availability
from bookings.availability import Interval, SlotRules, WeeklyHours
from bookings.models import Booking, ClinicClosure, Hold, Treatment
from clinic.clock import clinic_tz, day_range, local_date
from practitioners.models import Practitioner, TimeOff, WorkingHours


def slot_rules(treatment: Treatment, now: datetime) -> SlotRules:
    return SlotRules(
        duration=treatment.duration,
        buffer=treatment.buffer,
        step=timedelta(minutes=settings.BOOKING_SLOT_STEP_MINUTES),
        earliest=now + timedelta(hours=settings.BOOKING_MIN_NOTICE_HOURS),
        latest=now + timedelta(days=settings.BOOKING_HORIZON_DAYS),
    )


@dataclass
class Diary:
    """One practitioner's working hours, unavailable ranges and bookings over a range of days,
    as the engine takes them."""

    working: list[Interval] = field(default_factory=list)
    unavailable: list[Interval] = field(default_factory=list)  # time off and closures
    bookings: list[Interval] = field(default_factory=list)
    closures: list[Interval] = field(default_factory=list)  # also in `unavailable`


def _weekly_hours(
    practitioner_ids: list[int], first_day: date, last_day: date
) -> dict[int, list[WeeklyHours]]:
    """Each practitioner's weekly hours rules that apply somewhere between the two dates."""
    rules: dict[int, list[WeeklyHours]] = defaultdict(list)
    for row in WorkingHours.objects.filter(practitioner_id__in=practitioner_ids).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=first_day),
        Q(valid_from__isnull=True) | Q(valid_from__lte=last_day),
    ):
        rules[row.practitioner_id].append(
            WeeklyHours(row.weekday, row.start, row.end, row.valid_from, row.valid_until)
        )
    return rules


def _busy_ranges(practitioner_ids, start, end, exclude_booking, now, exclude_holder) -> list:
    """(practitioner id, start, blocked until) of every active booking, and every hold
    unexpired at `now` but `exclude_holder`'s, that meets [start, end)."""
    booked = Booking.objects.active().filter(practitioner_id__in=practitioner_ids)
    if exclude_booking is not None:
        booked = booked.exclude(pk=exclude_booking.pk)
    held = Hold.objects.unexpired(now).filter(practitioner_id__in=practitioner_ids)
    if exclude_holder:
        held = held.exclude(holder=exclude_holder)
    fields = ("practitioner_id", "start", "blocked_until")
    return [
        *booked.overlapping(start, end).values_list(*fields),
        *held.overlapping(start, end).values_list(*fields),
    ]


def load_diaries(
    practitioner_ids: list[int],
    first_day: date,
    last_day: date,
    *,
    exclude_booking: Booking | None = None,
    now: datetime | None = None,
    exclude_holder: str | None = None,
) -> dict[int, Diary]:
    """Working hours, time off, closures and active bookings of these practitioners between
    two local dates (inclusive). `exclude_booking` leaves out a booking being moved, so its
    own time counts as free.

    Holds unexpired at `now` count as bookings, except those of `exclude_holder` (the
    browser or offer asking, whose own held time is free to it). An expired hold is left
    out by the query itself, so no clean-up is needed for its time to be free."""
    tz = clinic_tz()
    start, end = day_range(first_day, last_day)
    # A session near midnight can reach, with its buffer, into the next day.
    bookings_end = end + timedelta(days=1)

    diaries = {pk: Diary() for pk in practitioner_ids}
    rules = _weekly_hours(practitioner_ids, first_day, last_day)
    closures = [
        availability.whole_days(c.start_date, c.end_date, tz)
        for c in ClinicClosure.objects.filter(start_date__lte=last_day, end_date__gte=first_day)
    ]
    for pk, diary in diaries.items():
        diary.working = availability.working_intervals(rules[pk], first_day, last_day, tz)
        diary.unavailable = list(closures)
        diary.closures = closures
    for off in TimeOff.objects.filter(
        practitioner_id__in=practitioner_ids, start__lt=end, end__gt=start
    ).only("practitioner_id", "start", "end"):
        diaries[off.practitioner_id].unavailable.append(Interval(off.start, off.end))
    busy = _busy_ranges(
        practitioner_ids,
        start,
        bookings_end,
        exclude_booking,
        now or timezone.now(),
        exclude_holder,
    )
    for practitioner_id, b_start, b_until in busy:
        diaries[practitioner_id].bookings.append(Interval(b_start, b_until))
    return diaries


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
    diaries = load_diaries(
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
    today = local_date(now)
    slots = free_starts_by_practitioner(
        practitioners, treatment, today, today + timedelta(days=days - 1), now
    )
    return {pk: starts[:limit] for pk, starts in slots.items()}


def next_free_by_practitioner(
    practitioners: list[Practitioner], now: datetime, *, days: int = NEXT_FREE_DAYS, limit: int = 1
):
    """For each practitioner, the first active treatment they offer and their next free
    times for it over the coming `days`: {practitioner id: (treatment, [starts])}.
    Costs a fixed number of queries per distinct treatment, not per practitioner."""
    first_treatment: dict[int, Treatment] = {}
    for treatment in Treatment.objects.active().prefetch_related("practitioners"):
        for p in treatment.practitioners.all():
            first_treatment.setdefault(p.pk, treatment)
    groups: dict[int, list[Practitioner]] = defaultdict(list)
    for p in practitioners:
        if p.pk in first_treatment:
            groups[first_treatment[p.pk].pk].append(p)
    result = {}
    for group in groups.values():
        treatment = first_treatment[group[0].pk]
        found = next_free_times(group, treatment, now, days=days, limit=limit)
        result.update({p.pk: (treatment, found[p.pk]) for p in group})
    return result


def bookings_for_email(email: str):
    """Every booking an address may see once its owner has signed in by a link sent to it:
    those on its patient record, and those made with it that are on no record yet."""
    return (
        Booking.objects.filter(Q(patient__email=email) | Q(patient__isnull=True, given_email=email))
        .select_related("patient", "practitioner", "treatment")
        .order_by("-start")
    )
