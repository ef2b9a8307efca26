"""When a practitioner can be booked: pure Python, no ORM, no clock of its own.

Everything comes in as aware datetimes and intervals; free slot start times come out in
UTC. The caller (bookings.selectors) fetches the rows and passes `now`, so the rules here
are tested without a database and with any clock.

The rule (DESIGN.md, "Booking rules"): a slot is free when the session lies inside the
practitioner's working hours and outside time off and closures, and the session extended
by the treatment's buffer overlaps no active booking's blocked range (that booking's
session plus its own buffer). Slots start every `step` from the start of each stretch of
working hours, at least `notice` ahead and no further ahead than the horizon. `check_slot`
states it for one start; `iter_free_slots` finds all starts that pass it in one sweep.
"""

import enum
import heapq
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain, repeat
from operator import attrgetter
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo


@dataclass(frozen=True, order=True)
class Interval:
    """A half-open range [start, end) of aware datetimes."""

    start: datetime
    end: datetime

    def overlaps(self, other: "Interval") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Interval") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class WeeklyHours:
    """Works on `weekday` (Monday is 0) from `start` to `end`, wall-clock in the clinic's
    time zone, on days between `valid_from` and `valid_until` when those are given."""

    weekday: int
    start: time
    end: time
    valid_from: date | None = None
    valid_until: date | None = None

    def applies_on(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or day >= self.valid_from)
            and (self.valid_until is None or day <= self.valid_until)
        )


@dataclass(frozen=True)
class SlotRules:
    duration: timedelta
    buffer: timedelta
    step: timedelta
    earliest: datetime  # now + minimum notice
    latest: datetime  # now + horizon: the last moment a session may start


class Problem(enum.Enum):
    """Why a start time cannot be booked, most fundamental first."""

    TOO_SOON = "That time is too soon to book online."
    TOO_FAR = "That time is too far ahead to book yet."
    OUTSIDE_HOURS = "The practitioner is not working at that time."
    OFF_GRID = "Sessions start at set times; please choose one of the times shown."
    UNAVAILABLE = "The practitioner is away or the clinic is closed at that time."
    TAKEN = "That time was just taken."


# Who may book past which rule, in one place. A clash with time off, a closure or another
# booking can never be waived, by anyone. Staff book people in at short notice, beyond the
# horizon and at any minute; with a recorded reason they may also book outside working hours.
NEVER_IGNORED = frozenset({Problem.UNAVAILABLE, Problem.TAKEN})
STAFF_MAY_IGNORE = frozenset({Problem.TOO_SOON, Problem.TOO_FAR, Problem.OFF_GRID})


def waivable(*, by_staff: bool, outside_hours: bool) -> frozenset[Problem]:
    """The rules a change may skip: none online; STAFF_MAY_IGNORE for staff, plus working
    hours when staff record an override. Never anything in NEVER_IGNORED."""
    if not by_staff:
        return frozenset()
    extra = {Problem.OUTSIDE_HOURS} if outside_hours else set()
    return (STAFF_MAY_IGNORE | extra) - NEVER_IGNORED


def local_interval(day: date, start: time, end: time, tz: ZoneInfo) -> Interval:
    """Wall-clock times on a day in `tz`, as a UTC interval. zoneinfo picks the right offset
    for each end, so a day's hours are right on both daylight-saving Sundays."""
    return Interval(
        datetime.combine(day, start, tzinfo=tz).astimezone(UTC),
        datetime.combine(day, end, tzinfo=tz).astimezone(UTC),
    )


def whole_days(first: date, last: date, tz: ZoneInfo) -> Interval:
    """From midnight starting `first` to midnight ending `last`, local time (a closure)."""
    return Interval(
        datetime.combine(first, time.min, tzinfo=tz).astimezone(UTC),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz).astimezone(UTC),
    )


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with overlapping or touching intervals joined."""
    merged: list[Interval] = []
    for interval in sorted(intervals):
        if merged and interval.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, interval.end))
        else:
            merged.append(interval)
    return merged


def working_intervals(
    hours: Iterable[WeeklyHours], first_day: date, last_day: date, tz: ZoneInfo
) -> list[Interval]:
    """The concrete stretches of work between two local dates (inclusive)."""
    hours = list(hours)
    intervals = []
    day = first_day
    while day <= last_day:
        intervals += [local_interval(day, h.start, h.end, tz) for h in hours if h.applies_on(day)]
        day += timedelta(days=1)
    return merge(intervals)


def check_slot(
    start: datetime,
    *,
    working: list[Interval],
    unavailable: list[Interval],
    bookings: list[Interval],
    rules: SlotRules,
    ignore: frozenset[Problem] = frozenset(),
) -> Problem | None:
    """The first rule a session starting at `start` breaks, or None if it is free.

    `working` must be merged (see `merge`). `ignore` lets staff book at short notice, off
    the grid, or (with a recorded override) outside working hours; a clash with time off,
    a closure or another booking is never ignorable.
    """
    ignore = ignore - NEVER_IGNORED
    session = Interval(start, start + rules.duration)
    blocked = Interval(start, session.end + rules.buffer)
    window = next((w for w in working if w.contains(session)), None)
    checks = [
        (Problem.TOO_SOON, start < rules.earliest),
        (Problem.TOO_FAR, start > rules.latest),
        (Problem.OUTSIDE_HOURS, window is None),
        (
            Problem.OFF_GRID,
            window is not None and (start - window.start) % rules.step != timedelta(0),
        ),
        (Problem.UNAVAILABLE, any(session.overlaps(u) for u in unavailable)),
        (Problem.TAKEN, any(blocked.overlaps(b) for b in bookings)),
    ]
    for problem, broken in checks:
        if broken and problem not in ignore:
            return problem
    return None


class DiaryLike(Protocol):
    """One practitioner's intervals as the engine reads them (bookings.selectors.Diary)."""

    working: list[Interval]
    unavailable: list[Interval]
    bookings: list[Interval]


# Empty ranges before and after every real clash, so the sweep never runs out of them.
_BEFORE_ALL = (datetime.min.replace(tzinfo=UTC),) * 2
_AFTER_ALL = (datetime.max.replace(tzinfo=UTC),) * 2


def _clashes(
    unavailable: Iterable[Interval], bookings: Iterable[Interval], rules: SlotRules
) -> Iterator[tuple[datetime, datetime]]:
    """Starts that break the rule, as merged open ranges (lo, hi), in order. Time off [a, b)
    rules out (a - duration, b); a booking [a, b), widened on the left by our buffer, rules
    out (a - duration - buffer, b): our session and buffer must end by a, not by closing."""
    by_start = attrgetter("start")
    ranges = heapq.merge(
        ((u.start - rules.duration, u.end) for u in sorted(unavailable, key=by_start)),
        ((b.start - rules.duration - rules.buffer, b.end) for b in sorted(bookings, key=by_start)),
    )
    current = _BEFORE_ALL  # an empty range before any other, harmless to yield
    for lo, hi in ranges:
        if lo < current[1]:
            current = (current[0], max(current[1], hi))
        elif lo < hi:  # an empty range rules out no start
            yield current
            current = (lo, hi)
    yield current


def iter_free_slots(
    *,
    working: list[Interval],
    unavailable: list[Interval],
    bookings: list[Interval],
    rules: SlotRules,
) -> Iterator[datetime]:
    """Every free start, in order, in UTC, lazily: each stretch of working hours (cut to
    notice and horizon) less the clashing ranges leaves gaps, and the starts are the step
    grid aligned to the stretch's start inside them. O(slots + intervals) once sorted."""
    clashes = chain(_clashes(unavailable, bookings, rules), [_AFTER_ALL])
    lo, hi = next(clashes)
    for window in merge(working):
        cursor = max(window.start, rules.earliest)
        last = min(window.end - rules.duration, rules.latest)
        while cursor <= last:
            while hi <= cursor:
                lo, hi = next(clashes)
            if cursor <= lo:  # a gap: starts from cursor to lo are free
                start = window.start - ((window.start - cursor) // rules.step) * rules.step
                while start <= min(lo, last):
                    yield start.astimezone(UTC)
                    start += rules.step
            cursor = hi


def free_slots(
    *,
    working: list[Interval],
    unavailable: list[Interval],
    bookings: list[Interval],
    rules: SlotRules,
) -> list[datetime]:
    """Every free session start, in order, in UTC."""
    return list(
        iter_free_slots(working=working, unavailable=unavailable, bookings=bookings, rules=rules)
    )


def first_free(
    *,
    working: list[Interval],
    unavailable: list[Interval],
    bookings: list[Interval],
    rules: SlotRules,
) -> datetime | None:
    """The first free session start in UTC, or None; the sweep stops at the first gap."""
    return next(
        iter_free_slots(working=working, unavailable=unavailable, bookings=bookings, rules=rules),
        None,
    )


K = TypeVar("K", bound=Hashable)


def free_slots_for_any(
    diaries: Mapping[K, DiaryLike], *, rules: SlotRules
) -> dict[datetime, list[K]]:
    """For "any practitioner": every start at which any of several practitioners is free,
    in order, with the keys of all those free then in the order of `diaries` (directory
    order first). One pass: the sweeps feed one merge by time (+ O(slots x log keys))."""
    keys = list(diaries)
    streams = [
        zip(
            iter_free_slots(
                working=d.working, unavailable=d.unavailable, bookings=d.bookings, rules=rules
            ),
            repeat(index),
        )
        for index, d in enumerate(diaries.values())
    ]
    offers: dict[datetime, list[K]] = {}
    for start, index in heapq.merge(*streams):
        offers.setdefault(start, []).append(keys[index])
    return offers


def subtract(windows: list[Interval], busy: Iterable[Interval]) -> list[Interval]:
    """What is left of `windows` once every busy interval is taken out (free gaps)."""
    gaps = []
    busy = merge(busy)
    for window in merge(windows):
        cursor = window.start
        for b in busy:
            if b.end <= cursor or b.start >= window.end:
                continue
            if b.start > cursor:
                gaps.append(Interval(cursor, b.start))
            cursor = max(cursor, b.end)
        if cursor < window.end:
            gaps.append(Interval(cursor, window.end))
    return gaps
