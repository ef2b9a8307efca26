"""Proposing a course of sessions: pure Python, no ORM, no clock of its own.

A course is a number of sessions at a rhythm (every week, every other week) on a
preferred weekday and wall-clock time. Each session is proposed at that time in its week
when it is free under every booking rule; otherwise at the free time nearest to it in the
same week (Monday to Sunday, clinic time); otherwise not at all, for staff to choose. The
rules are the engine's own (`bookings.availability.check_slot`), so a proposal never
breaks one that a single booking would keep. Earlier sessions of the course count as
booked for the later ones, so a course never overlaps itself.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bookings.availability import Interval, Problem, SlotRules, check_slot, free_slots

# Weeks between sessions, by rhythm.
RHYTHM_WEEKS = {"weekly": 1, "fortnightly": 2}

# Why a preferred time was not proposed, in the words of someone planning ahead.
REASONS = {
    Problem.TOO_SOON: "too soon to book",
    Problem.TOO_FAR: "beyond the booking horizon",
    Problem.OUTSIDE_HOURS: "outside working hours",
    Problem.OFF_GRID: "not a time sessions start",
    Problem.UNAVAILABLE: "time off or the clinic closed",
    Problem.TAKEN: "already booked",
}


@dataclass(frozen=True)
class Proposed:
    """One session of a proposed course. `start` is None when nothing is free that week;
    `problem` says why the preferred time itself was not used (None when it was)."""

    number: int
    wanted: datetime
    start: datetime | None
    problem: Problem | None

    @property
    def moved(self) -> bool:
        return self.start is not None and self.start != self.wanted

    @property
    def reason(self) -> str:
        return REASONS[self.problem] if self.problem else ""


def session_days(first_day: date, *, weekday: int, count: int, rhythm: str) -> list[date]:
    """The preferred day of every session: the first `weekday` on or after `first_day`,
    then every one or two weeks."""
    first = first_day + timedelta(days=(weekday - first_day.weekday()) % 7)
    every = timedelta(weeks=RHYTHM_WEEKS[rhythm])
    return [first + every * i for i in range(count)]


def week_of(day: date, tz: ZoneInfo) -> Interval:
    """Monday 00:00 to the next Monday 00:00, clinic time, in UTC."""
    monday = day - timedelta(days=day.weekday())
    return Interval(
        datetime.combine(monday, time.min, tzinfo=tz).astimezone(UTC),
        datetime.combine(monday + timedelta(days=7), time.min, tzinfo=tz).astimezone(UTC),
    )


def nearest_free(
    wanted: datetime,
    week: Interval,
    *,
    working: list[Interval],
    unavailable: list[Interval],
    bookings: list[Interval],
    rules: SlotRules,
) -> datetime | None:
    """The free start in `week` closest to `wanted`; the earlier of two equally close."""
    this_week = [w for w in working if w.start < week.end and w.end > week.start]
    starts = free_slots(working=this_week, unavailable=unavailable, bookings=bookings, rules=rules)
    starts = [s for s in starts if week.start <= s < week.end]
    if not starts:
        return None
    return min(starts, key=lambda s: (abs(s - wanted), s))


def propose(
    days: list[date],
    *,
    at: time,
    tz: ZoneInfo,
    working: list[Interval],
    unavailable: list[Interval],
    bookings: list[Interval],
    rules: SlotRules,
) -> list[Proposed]:
    """A start for each session day at wall-clock `at`, or the nearest free time that week.

    `working` must be merged and cover every week of the course; `bookings` are the blocked
    ranges already in the diary (each session plus its buffer)."""
    taken = list(bookings)
    proposals = []
    for number, day in enumerate(days, start=1):
        wanted = datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
        problem = check_slot(
            wanted, working=working, unavailable=unavailable, bookings=taken, rules=rules
        )
        start = wanted
        if problem is not None:
            start = nearest_free(
                wanted,
                week_of(day, tz),
                working=working,
                unavailable=unavailable,
                bookings=taken,
                rules=rules,
            )
        if start is not None:
            taken.append(Interval(start, start + rules.duration + rules.buffer))
        proposals.append(Proposed(number, wanted, start, problem))
    return proposals


def clashes_within(starts: list[datetime], *, length: timedelta) -> set[int]:
    """Indexes of sessions that overlap another of the same course (each blocks `length`:
    the session plus its buffer)."""
    clashing = set()
    for i, a in enumerate(starts):
        for j, b in enumerate(starts):
            if i != j and a < b + length and b < a + length:
                clashing.add(i)
    return clashing
