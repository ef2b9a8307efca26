"""Practitioners' diaries as the availability engine takes them: read in a fixed number of
queries, and cached so that no change to a diary is ever hidden by a cached copy.

A diary's *source* over some days is everything the database says about them: working
hours, time off and closures, each active booking with its id, each hold with its holder
and expiry. It does not depend on who asks or when (who is excluded and which holds have
expired are applied as it is read), so the pages' copies may be cached under each
practitioner's diary version (bookings/models_diary.py), which every write to the diary
changes in its own transaction (bookings/diary_versions.py). The versions are read
before the diary, so a copy holds at least every change its versions stand for (a later
change it may also hold brings new versions, under which it is never found).

`load_diaries` always reads the database: the services use it under the practitioner's
lock to re-check a time. `cached_diaries` is for the pages that show free times.
"""

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import BigIntegerField, CharField, DateTimeField, Q, Value
from django.utils import timezone

from bookings import availability, diary_versions
from bookings.availability import Interval, WeeklyHours
from bookings.models import Booking, ClinicClosure, Hold
from clinic.clock import clinic_tz, day_range
from practitioners.models import TimeOff, WorkingHours


@dataclass
class Diary:
    """One practitioner's working hours, unavailable ranges and bookings over a range of days,
    as the engine takes them."""

    working: list[Interval] = field(default_factory=list)
    unavailable: list[Interval] = field(default_factory=list)  # time off and closures
    bookings: list[Interval] = field(default_factory=list)  # and other people's holds
    closures: list[Interval] = field(default_factory=list)  # also in `unavailable`


@dataclass(frozen=True)
class DiarySource:
    """What one practitioner's diary holds over some days, for anyone at any time."""

    working: tuple[Interval, ...]
    unavailable: tuple[Interval, ...]
    closures: tuple[Interval, ...]
    bookings: tuple[tuple[int, Interval], ...]  # (booking id, blocked range)
    holds: tuple[tuple[str, datetime, Interval], ...]  # (holder, expires at, blocked range)

    def as_seen(
        self, now: datetime, exclude_booking_id: int | None, exclude_holder: str | None
    ) -> Diary:
        """The diary for one asker at `now`: the booking being moved is free, as is the
        asker's own hold, and a hold expired by `now` no longer counts."""
        busy = [blocked for pk, blocked in self.bookings if pk != exclude_booking_id]
        busy += [
            blocked
            for holder, expires_at, blocked in self.holds
            if expires_at > now and not (exclude_holder and holder == exclude_holder)
        ]
        return Diary(list(self.working), list(self.unavailable), busy, list(self.closures))


def _weekly_hours(
    practitioner_ids: list[int], first_day: date, last_day: date
) -> dict[int, list[WeeklyHours]]:
    """Each practitioner's weekly hours rules that apply somewhere between the two dates."""
    rules: dict[int, list[WeeklyHours]] = defaultdict(list)
    for pk, *rule in (
        WorkingHours.objects.filter(practitioner_id__in=practitioner_ids)
        .filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=first_day),
            Q(valid_from__isnull=True) | Q(valid_from__lte=last_day),
        )
        .values_list("practitioner_id", "weekday", "start", "end", "valid_from", "valid_until")
    ):
        rules[pk].append(WeeklyHours(*rule))
    return rules


def _busy_rows(practitioner_ids, start, end, bookings_end, now):
    """Time off meeting [start, end), and active bookings and holds unexpired at `now`
    meeting [start, bookings_end), in one query: (practitioner id, start, end or blocked
    until, booking id, holder, expires at), the last three empty where they do not apply.
    Each part is read from its own index range, bounded on both sides."""
    no_id = Value(None, output_field=BigIntegerField())
    no_holder = Value(None, output_field=CharField())
    no_expiry = Value(None, output_field=DateTimeField())
    booked = (
        Booking.objects.active()
        .filter(practitioner_id__in=practitioner_ids)
        .overlapping(start, bookings_end)
        .values_list("practitioner_id", "start", "blocked_until", "pk", no_holder, no_expiry)
    )
    held = (
        Hold.objects.unexpired(now)
        .filter(practitioner_id__in=practitioner_ids)
        .overlapping(start, bookings_end)
        .values_list("practitioner_id", "start", "blocked_until", no_id, "holder", "expires_at")
    )
    off = TimeOff.objects.filter(
        practitioner_id__in=practitioner_ids, start__lt=end, end__gt=start
    ).values_list("practitioner_id", "start", "end", no_id, no_holder, no_expiry)
    return booked.order_by().union(held.order_by(), off.order_by(), all=True)


def read_sources(
    practitioner_ids: list[int], first_day: date, last_day: date, now: datetime
) -> dict[int, DiarySource]:
    """The diary sources of these practitioners between two local dates (inclusive), from
    the database in three queries: working hours, closures, and the busy times. Holds
    already expired at `now` are left out by the query, so no clean-up is needed for
    their time to be free."""
    tz = clinic_tz()
    start, end = day_range(first_day, last_day)
    # A session near midnight can reach, with its buffer, into the next day.
    bookings_end = end + timedelta(days=1)
    rules = _weekly_hours(practitioner_ids, first_day, last_day)
    closures = [
        availability.whole_days(c.start_date, c.end_date, tz)
        for c in ClinicClosure.objects.filter(start_date__lte=last_day, end_date__gte=first_day)
    ]
    time_off, booked, held = defaultdict(list), defaultdict(list), defaultdict(list)
    for pk, busy_start, busy_end, booking_id, holder, expires_at in _busy_rows(
        practitioner_ids, start, end, bookings_end, now
    ):
        if booking_id is not None:
            booked[pk].append((booking_id, Interval(busy_start, busy_end)))
        elif holder is not None:
            held[pk].append((holder, expires_at, Interval(busy_start, busy_end)))
        else:
            time_off[pk].append(Interval(busy_start, busy_end))
    return {
        pk: DiarySource(
            working=tuple(availability.working_intervals(rules[pk], first_day, last_day, tz)),
            unavailable=(*closures, *time_off[pk]),
            closures=tuple(closures),
            bookings=tuple(booked[pk]),
            holds=tuple(held[pk]),
        )
        for pk in practitioner_ids
    }


class _Store:
    """The diary copies of this process, the least recently used dropped first. Sources
    are immutable, so requests share them as they are: no copying, no pickling (which cost
    more than reading the diaries again). Every process has its own store; the versions,
    kept in the database, keep them all honest."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[str, DiarySource] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys) -> dict[str, DiarySource]:
        with self._lock:
            found = {key: self._items[key] for key in keys if key in self._items}
            for key in found:
                self._items.move_to_end(key)
        return found

    def set_many(self, items: dict[str, DiarySource]) -> None:
        with self._lock:
            for key, source in items.items():
                self._items[key] = source
                self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


store = _Store(settings.DIARY_CACHE_ENTRIES)


def _cached_sources(
    practitioner_ids: list[int], first_day: date, last_day: date, now: datetime
) -> dict[int, DiarySource]:
    """As `read_sources`, from the store where a copy of the current version is there."""
    if not practitioner_ids:
        return {}
    versions = diary_versions.current(practitioner_ids)  # before the diaries: see above
    keys = {pk: f"{pk}:{v}:{first_day}:{last_day}" for pk, v in versions.items()}
    found = store.get_many(keys.values())
    sources = {pk: found[key] for pk, key in keys.items() if key in found}
    if missing := [pk for pk in practitioner_ids if pk not in sources]:
        fresh = read_sources(missing, first_day, last_day, now)
        store.set_many({keys[pk]: source for pk, source in fresh.items() if pk in keys})
        sources.update(fresh)
    return {pk: sources[pk] for pk in practitioner_ids}


def _as_seen(sources, now, exclude_booking, exclude_holder) -> dict[int, Diary]:
    exclude_booking_id = exclude_booking.pk if exclude_booking is not None else None
    return {pk: s.as_seen(now, exclude_booking_id, exclude_holder) for pk, s in sources.items()}


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
    two local dates (inclusive), read from the database. `exclude_booking` leaves out a
    booking being moved, so its own time counts as free.

    Holds unexpired at `now` count as bookings, except those of `exclude_holder` (the
    browser or offer asking, whose own held time is free to it)."""
    now = now or timezone.now()
    sources = read_sources(practitioner_ids, first_day, last_day, now)
    return _as_seen(sources, now, exclude_booking, exclude_holder)


def cached_diaries(
    practitioner_ids: list[int],
    first_day: date,
    last_day: date,
    *,
    exclude_booking: Booking | None = None,
    now: datetime | None = None,
    exclude_holder: str | None = None,
) -> dict[int, Diary]:
    """As `load_diaries`, through the cache: one query for the diary versions when every
    copy is there. For showing free times; a write re-checks with `load_diaries`."""
    now = now or timezone.now()
    sources = _cached_sources(practitioner_ids, first_day, last_day, now)
    return _as_seen(sources, now, exclude_booking, exclude_holder)
