"""The sweep (free_slots, first_free, free_slots_for_any) against the rule itself.

Each free time the sweep finds must be exactly what testing every possible start with
`check_slot` finds: the property tests build that brute-force answer and compare.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from bookings.availability import (
    Interval,
    SlotRules,
    WeeklyHours,
    check_slot,
    first_free,
    free_slots,
    free_slots_for_any,
    iter_free_slots,
    merge,
    whole_days,
    working_intervals,
)
from tests.bookings.test_availability import LONDON, MONDAY, rules, utc


class Diary(NamedTuple):
    """One practitioner's intervals, shaped as bookings.selectors.Diary."""

    working: list
    unavailable: list
    bookings: list


FIVE = timedelta(minutes=5)


def monday(start=time(9), end=time(17)):
    return working_intervals([WeeklyHours(0, start, end)], MONDAY, MONDAY, LONDON)


def at(hour, minute=0):
    """A wall-clock time on Monday 23 November 2026 (GMT, so also UTC)."""
    return utc(2026, 11, 23, hour, minute)


def hhmm(slots):
    return [s.astimezone(LONDON).strftime("%H:%M") for s in slots]


def test_first_free_skips_gaps_shorter_than_the_session():
    booked = [Interval(at(9), at(10)), Interval(at(10, 45), at(12)), Interval(at(12, 50), at(14))]

    found = first_free(working=monday(), unavailable=[], bookings=booked, rules=rules())

    assert found == at(14)


def test_first_free_respects_minimum_notice():
    found = first_free(
        working=monday(), unavailable=[], bookings=[], rules=rules(earliest=at(10, 5))
    )
    assert found == at(10, 15)


def test_first_free_is_none_when_no_gap_fits():
    booked = [Interval(at(9), at(12, 30)), Interval(at(13), at(17))]
    found = first_free(working=monday(), unavailable=[], bookings=booked, rules=rules())
    assert found is None


def test_first_free_finds_a_time_weeks_ahead():
    hours = [WeeklyHours(0, time(9), time(17))]
    working = working_intervals(hours, MONDAY, MONDAY + timedelta(days=60), LONDON)
    # Every Monday but the last is fully booked.
    booked = [Interval(w.start, w.end) for w in working[:-1]]

    found = first_free(working=working, unavailable=[], bookings=booked, rules=rules())

    assert found == utc(2027, 1, 18, 9)


def test_buffer_widens_a_booking_on_the_left_but_not_time_off():
    booked = [Interval(at(11), at(12))]
    away = [Interval(at(14), at(15))]

    slots = free_slots(working=monday(), unavailable=away, bookings=booked, rules=rules(buffer=15))

    # Our session and its 15-minute buffer must end by 11:00 before the booking; before the
    # time off only the session must end by 14:00, its buffer may run into it.
    assert hhmm(slots) == [
        *("09:00", "09:15", "09:30", "09:45"),
        *("12:00", "12:15", "12:30", "12:45", "13:00"),
        *("15:00", "15:15", "15:30", "15:45", "16:00"),
    ]


def test_grid_stays_aligned_to_the_start_of_working_hours_after_a_booking():
    booked = [Interval(at(9), at(9, 50))]
    slots = free_slots(
        working=monday(time(9), time(11)), unavailable=[], bookings=booked, rules=rules()
    )
    assert hhmm(slots) == ["10:00"]


def test_any_practitioner_lists_who_is_free_in_diary_order():
    diaries = {
        "ruth": Diary(monday(time(9), time(11)), [], [Interval(at(9), at(10))]),
        "amir": Diary(monday(time(9), time(10, 30)), [], []),
    }

    offers = free_slots_for_any(diaries, rules=rules(step=30))

    assert offers == {
        at(9): ["amir"],
        at(9, 30): ["amir"],
        at(10): ["ruth"],
    }
    diaries["amir"] = Diary(monday(time(10), time(11)), [], [])
    assert free_slots_for_any(diaries, rules=rules(step=30)) == {at(10): ["ruth", "amir"]}


def test_any_practitioner_with_nobody_working_is_empty():
    assert free_slots_for_any({1: Diary([], [], []), 2: Diary([], [], [])}, rules=rules()) == {}
    offers = free_slots_for_any({7: Diary(monday(time(9), time(10)), [], [])}, rules=rules())
    assert offers == {at(9): [7]}


# Property tests: the sweep finds exactly the starts check_slot accepts.

DAYS = [date(2026, 3, 29), date(2026, 10, 25), date(2026, 3, 28), MONDAY]
five_minutes = st.integers(min_value=0, max_value=287)  # a time of day, in 5-minute steps


def _time(n):
    return time(n * 5 // 60, n * 5 % 60)


@st.composite
def weekly_hours(draw, weekdays):
    # Often at night, so that hours meet the hour that the clocks skip or repeat.
    start = draw(st.one_of(st.integers(0, 36), five_minutes.filter(lambda n: n < 287)))
    end = draw(st.integers(start + 1, 287))
    return WeeklyHours(draw(st.sampled_from(weekdays)), _time(start), _time(end))


@st.composite
def intervals(draw, base, span, max_size):
    """Up to five hours long; now and then empty or backwards, which the database never
    holds, so that the sweep and check_slot are shown to agree on any input."""
    starts = draw(st.lists(st.integers(0, span), max_size=max_size))
    lengths = st.one_of(st.integers(1, 60), st.integers(-24, 0))
    return [Interval(base + n * FIVE, base + (n + draw(lengths)) * FIVE) for n in starts]


@st.composite
def back_to_back(draw, base, span):
    """Bookings one after another, some touching, as a busy diary has them."""
    cursor = draw(st.integers(0, span))
    booked = []
    for gap, length in draw(
        st.lists(st.tuples(st.sampled_from([0, 0, 1, 3, 9]), st.integers(1, 24)), max_size=8)
    ):
        cursor += gap
        booked.append(Interval(base + cursor * FIVE, base + (cursor + length) * FIVE))
        cursor += length
    return booked


@st.composite
def one_diary(draw, first_day, days):
    base = datetime.combine(first_day, time.min, tzinfo=LONDON).astimezone(UTC)
    span = days * 288
    weekdays = [(first_day + timedelta(days=n)).weekday() for n in range(days + 1)]
    hours = draw(st.lists(weekly_hours(weekdays), min_size=1, max_size=4))
    working = working_intervals(hours, first_day, first_day + timedelta(days=days - 1), LONDON)
    working += draw(intervals(base, span, 2))  # unmerged, overlapping stretches too
    unavailable = draw(intervals(base, span, 3))
    if draw(st.integers(0, 4)) == 0:
        closed = first_day + timedelta(days=draw(st.integers(0, days - 1)))
        unavailable.append(whole_days(closed, closed, LONDON))
    bookings = draw(back_to_back(base, span)) + draw(intervals(base, span, 4))
    return Diary(draw(st.permutations(working)), unavailable, draw(st.permutations(bookings)))


@st.composite
def slot_rules(draw, first_day, days):
    base = datetime.combine(first_day, time.min, tzinfo=LONDON).astimezone(UTC)
    # Notice and horizon cut a stretch of hours now and then, not always.
    earliest = base + draw(st.one_of(st.just(-300), st.integers(-300, days * 288))) * FIVE
    horizon = st.one_of(st.just(days * 288 + 300), st.integers(0, days * 288 + 300))
    return SlotRules(
        duration=draw(st.sampled_from([15, 30, 45, 60, 90])) * timedelta(minutes=1),
        buffer=draw(st.sampled_from([0, 5, 15, 30])) * timedelta(minutes=1),
        step=draw(st.sampled_from([5, 10, 15, 30, 60])) * timedelta(minutes=1),
        earliest=earliest,
        latest=earliest + draw(horizon) * FIVE,
    )


@st.composite
def scenarios(draw, practitioners=1):
    first_day, days = draw(st.sampled_from(DAYS)), draw(st.integers(1, 2))
    cals = [draw(one_diary(first_day, days)) for _ in range(practitioners)]
    return cals, draw(slot_rules(first_day, days))


def brute_force(diary, r):
    """Every 5-minute instant in working hours that check_slot accepts. Every time in
    these scenarios is on the 5-minute grid, so no free start can be missed."""
    windows = merge(diary.working)
    found = []
    for window in windows:
        start = window.start
        while start < window.end:
            problem = check_slot(
                start,
                working=windows,
                unavailable=diary.unavailable,
                bookings=diary.bookings,
                rules=r,
            )
            if problem is None:
                found.append(start)
            start += FIVE
    return sorted(found)


@settings(max_examples=250, deadline=None)
@given(scenario=scenarios())
def test_sweep_finds_exactly_what_check_slot_allows(scenario):
    (diary,), r = scenario
    expected = brute_force(diary, r)

    found = free_slots(**diary._asdict(), rules=r)

    assert found == expected
    assert first_free(**diary._asdict(), rules=r) == (expected[0] if expected else None)
    assert list(iter_free_slots(**diary._asdict(), rules=r)) == expected
    assert all(s.tzinfo is UTC for s in found)


@settings(max_examples=80, deadline=None)
@given(scenario=scenarios(practitioners=3))
def test_any_practitioner_is_every_practitioner_brute_forced(scenario):
    cals, r = scenario
    expected: dict[datetime, list[str]] = {}
    for key, diary in zip("abc", cals, strict=True):
        for start in brute_force(diary, r):
            expected.setdefault(start, []).append(key)

    offers = free_slots_for_any(dict(zip("abc", cals, strict=True)), rules=r)

    assert offers == expected
    assert list(offers) == sorted(expected)
