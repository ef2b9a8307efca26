"""Which times suit a person on the waiting list, and how long a time is kept for someone:
pure Python, no Django, no clock of its own (the caller passes `now`).

A person says which days and times suit them as ranges of wall-clock time on a weekday
(or on any day). A session suits them when it starts, in the clinic's time zone, on a
day up to their last date and inside one of their ranges.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The parts of a day a patient can tick, as [start, end) of the session's start time.
PARTS = {
    "morning": (time(7), time(12)),
    "afternoon": (time(12), time(17)),
    "evening": (time(17), time(22)),
}


@dataclass(frozen=True, order=True)
class TimeRange:
    """Sessions starting from `start` up to (not including) `end`, wall-clock, on
    `weekday` (Monday is 0) or on any day when it is None."""

    weekday: int | None
    start: time
    end: time

    def holds(self, local_start: datetime) -> bool:
        day_ok = self.weekday is None or local_start.weekday() == self.weekday
        return day_ok and self.start <= local_start.time() < self.end

    def as_json(self) -> list:
        return [self.weekday, self.start.strftime("%H:%M"), self.end.strftime("%H:%M")]

    @classmethod
    def from_json(cls, value: list) -> "TimeRange":
        weekday, start, end = value
        return cls(weekday, time.fromisoformat(start), time.fromisoformat(end))

    def describe(self) -> str:
        for part, (start, end) in PARTS.items():
            if (self.start, self.end) == (start, end) and self.weekday is not None:
                return f"{WEEKDAYS[self.weekday]} {part}"
        day = "Any day" if self.weekday is None else WEEKDAYS[self.weekday]
        return f"{day} {self.start:%H:%M}-{self.end:%H:%M}"


def part_range(weekday: int, part: str) -> TimeRange:
    start, end = PARTS[part]
    return TimeRange(weekday, start, end)


def grid_key(time_range: TimeRange) -> str | None:
    """The "weekday-part" tick-box a range came from, or None for a range typed in."""
    for part, bounds in PARTS.items():
        if time_range.weekday is not None and (time_range.start, time_range.end) == bounds:
            return f"{time_range.weekday}-{part}"
    return None


def suits(local_start: datetime, ranges: Iterable[TimeRange], last_day: date) -> bool:
    """Does a session starting at `local_start` (in the clinic's time zone) suit someone
    with these ranges who wants a time no later than `last_day`?"""
    return local_start.date() <= last_day and any(r.holds(local_start) for r in ranges)


def hold_expiry(*, now: datetime, start: datetime, keep: timedelta, notice: timedelta):
    """When a hold on a session at `start` made at `now` ends: after `keep`, but never
    later than the last moment the session can still be booked online (`start - notice`),
    so a hold never outlives its time. None when that moment has passed."""
    expires = min(now + keep, start - notice)
    return expires if expires > now else None


def offer_keep(
    *, now: datetime, start: datetime, keep: timedelta, keep_soon: timedelta, soon: timedelta
) -> timedelta:
    """How long an offer is held: `keep`, or the shorter `keep_soon` for a session that
    starts within `soon`, so a time freed at short notice still reaches someone who can
    use it."""
    return keep_soon if start - now <= soon else keep
