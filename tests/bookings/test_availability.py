"""The availability engine on its own: no database, an explicit clock."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bookings.availability import (
    Interval,
    Problem,
    SlotRules,
    WeeklyHours,
    check_slot,
    free_slots,
    merge,
    whole_days,
    working_intervals,
)

LONDON = ZoneInfo("Europe/London")
MONDAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def rules(duration=60, buffer=0, step=15, earliest=NOW, latest=NOW + timedelta(days=60)):
    return SlotRules(
        duration=timedelta(minutes=duration),
        buffer=timedelta(minutes=buffer),
        step=timedelta(minutes=step),
        earliest=earliest,
        latest=latest,
    )


def monday_hours(start=time(9), end=time(12)):
    return working_intervals([WeeklyHours(0, start, end)], MONDAY, MONDAY, LONDON)


def hhmm(slots):
    return [s.astimezone(LONDON).strftime("%H:%M") for s in slots]


def test_slots_fill_working_hours_on_the_step():
    slots = free_slots(working=monday_hours(), unavailable=[], bookings=[], rules=rules())

    assert hhmm(slots) == [
        "09:00",
        "09:15",
        "09:30",
        "09:45",
        "10:00",
        "10:15",
        "10:30",
        "10:45",
        "11:00",
    ]
    assert all(s.tzinfo == UTC for s in slots)


def test_step_is_configurable():
    slots = free_slots(working=monday_hours(), unavailable=[], bookings=[], rules=rules(step=30))
    assert hhmm(slots) == ["09:00", "09:30", "10:00", "10:30", "11:00"]


def test_no_slots_on_a_day_without_hours():
    tuesday = working_intervals(
        [WeeklyHours(0, time(9), time(17))], MONDAY + timedelta(1), MONDAY + timedelta(1), LONDON
    )
    assert tuesday == []


def test_hours_outside_their_validity_dates_do_not_apply():
    hours = [WeeklyHours(0, time(9), time(17), valid_from=MONDAY + timedelta(days=7))]
    assert working_intervals(hours, MONDAY, MONDAY, LONDON) == []
    assert len(working_intervals(hours, MONDAY, MONDAY + timedelta(days=7), LONDON)) == 1


def test_time_off_removes_the_slots_it_touches():
    time_off = [Interval(utc(2026, 11, 23, 10, 0), utc(2026, 11, 23, 10, 30))]

    slots = free_slots(working=monday_hours(), unavailable=time_off, bookings=[], rules=rules())

    assert hhmm(slots) == ["09:00", "10:30", "10:45", "11:00"]


def test_closure_removes_the_whole_local_day():
    closure = [whole_days(MONDAY, MONDAY, LONDON)]
    assert free_slots(working=monday_hours(), unavailable=closure, bookings=[], rules=rules()) == []


def test_buffers_of_both_sides_keep_bookings_apart():
    # An existing 09:00-10:00 booking with a 15-minute buffer blocks until 10:15.
    existing = [Interval(utc(2026, 11, 23, 9, 0), utc(2026, 11, 23, 10, 15))]

    slots = free_slots(
        working=monday_hours(), unavailable=[], bookings=existing, rules=rules(buffer=15)
    )

    # Our own 15-minute buffer must end before the next booking too: 10:15 + 60 + 15 <= 12:00.
    assert hhmm(slots) == ["10:15", "10:30", "10:45", "11:00"]


def test_buffer_may_run_past_the_end_of_working_hours():
    slots = free_slots(working=monday_hours(), unavailable=[], bookings=[], rules=rules(buffer=15))
    assert hhmm(slots)[-1] == "11:00"


def test_adjacent_booking_leaves_the_touching_slot_free():
    existing = [Interval(utc(2026, 11, 23, 10, 0), utc(2026, 11, 23, 11, 0))]

    slots = free_slots(working=monday_hours(), unavailable=[], bookings=existing, rules=rules())

    assert hhmm(slots) == ["09:00", "11:00"]


def test_treatment_longer_than_the_gap_gets_no_slot():
    existing = [
        Interval(utc(2026, 11, 23, 9, 0), utc(2026, 11, 23, 10, 0)),
        Interval(utc(2026, 11, 23, 10, 45), utc(2026, 11, 23, 12, 0)),
    ]

    slots = free_slots(working=monday_hours(), unavailable=[], bookings=existing, rules=rules())

    assert slots == []


def test_minimum_notice_hides_slots_too_soon():
    earliest = utc(2026, 11, 23, 10, 5)
    slots = free_slots(
        working=monday_hours(), unavailable=[], bookings=[], rules=rules(earliest=earliest)
    )
    assert hhmm(slots) == ["10:15", "10:30", "10:45", "11:00"]


def test_horizon_hides_slots_too_far_ahead():
    latest = utc(2026, 11, 23, 9, 30)
    slots = free_slots(
        working=monday_hours(), unavailable=[], bookings=[], rules=rules(latest=latest)
    )
    assert hhmm(slots) == ["09:00", "09:15", "09:30"]


def test_split_hours_that_touch_are_one_stretch():
    hours = [WeeklyHours(0, time(9), time(10)), WeeklyHours(0, time(10), time(11))]
    working = working_intervals(hours, MONDAY, MONDAY, LONDON)

    slots = free_slots(working=working, unavailable=[], bookings=[], rules=rules())

    assert working == [Interval(utc(2026, 11, 23, 9), utc(2026, 11, 23, 11))]
    assert hhmm(slots) == ["09:00", "09:15", "09:30", "09:45", "10:00"]


def test_spring_forward_sunday_keeps_wall_clock_hours():
    # 29 March 2026: clocks go from 01:00 GMT to 02:00 BST.
    sunday = date(2026, 3, 29)
    working = working_intervals([WeeklyHours(6, time(9), time(11))], sunday, sunday, LONDON)

    slots = free_slots(
        working=working, unavailable=[], bookings=[], rules=rules(earliest=utc(2026, 3, 1))
    )

    assert working == [Interval(utc(2026, 3, 29, 8), utc(2026, 3, 29, 10))]
    assert hhmm(slots) == ["09:00", "09:15", "09:30", "09:45", "10:00"]
    assert slots[0] == utc(2026, 3, 29, 8, 0)


def test_fall_back_sunday_keeps_wall_clock_hours():
    # 25 October 2026: clocks go from 02:00 BST back to 01:00 GMT.
    sunday = date(2026, 10, 25)
    working = working_intervals([WeeklyHours(6, time(9), time(11))], sunday, sunday, LONDON)

    slots = free_slots(
        working=working, unavailable=[], bookings=[], rules=rules(earliest=utc(2026, 10, 1))
    )

    assert working == [Interval(utc(2026, 10, 25, 9), utc(2026, 10, 25, 11))]
    assert slots[0] == utc(2026, 10, 25, 9, 0)
    assert hhmm(slots)[0] == "09:00"


def test_hours_across_the_night_of_a_change_are_the_real_length():
    # 00:00-03:00 on the spring-forward Sunday lasts two real hours: 01:00-02:00 never happens.
    sunday = date(2026, 3, 29)
    working = working_intervals([WeeklyHours(6, time(0), time(3))], sunday, sunday, LONDON)
    assert working[0].end - working[0].start == timedelta(hours=2)


def test_check_slot_names_the_broken_rule():
    working = merge(monday_hours())
    booked = [Interval(utc(2026, 11, 23, 10), utc(2026, 11, 23, 11))]
    away = [Interval(utc(2026, 11, 23, 9), utc(2026, 11, 23, 9, 30))]
    kw = {"working": working, "unavailable": away, "bookings": booked, "rules": rules()}

    assert check_slot(utc(2026, 11, 23, 11), **kw) is None
    assert check_slot(utc(2026, 11, 23, 10, 30), **kw) is Problem.TAKEN
    assert check_slot(utc(2026, 11, 23, 9, 0), **kw) is Problem.UNAVAILABLE
    assert check_slot(utc(2026, 11, 23, 11, 30), **kw) is Problem.OUTSIDE_HOURS
    assert check_slot(utc(2026, 11, 23, 9, 35), **kw) is Problem.OFF_GRID
    assert check_slot(utc(2026, 11, 20, 11), **kw) is Problem.TOO_SOON
    assert check_slot(utc(2027, 6, 1, 9), **kw) is Problem.TOO_FAR


def test_staff_may_ignore_hours_but_never_a_clash():
    working = merge(monday_hours())
    booked = [Interval(utc(2026, 11, 23, 13), utc(2026, 11, 23, 14))]
    staff = frozenset({Problem.OUTSIDE_HOURS, Problem.OFF_GRID, Problem.TOO_SOON, Problem.TOO_FAR})
    kw = {
        "working": working,
        "unavailable": [],
        "bookings": booked,
        "rules": rules(),
        "ignore": staff,
    }

    assert check_slot(utc(2026, 11, 23, 15, 5), **kw) is None
    assert check_slot(utc(2026, 11, 23, 13, 30), **kw) is Problem.TAKEN


# Property tests: whatever the bookings and time off, no slot returned breaks a rule.

minutes = st.integers(min_value=0, max_value=24 * 60)


@st.composite
def intervals_on_monday(draw):
    start = draw(minutes)
    length = draw(st.integers(min_value=5, max_value=240))
    base = utc(2026, 11, 23, 0, 0)
    return Interval(base + timedelta(minutes=start), base + timedelta(minutes=start + length))


@settings(max_examples=300, deadline=None)
@given(
    bookings=st.lists(intervals_on_monday(), max_size=8),
    away=st.lists(intervals_on_monday(), max_size=3),
    duration=st.sampled_from([30, 45, 60, 75]),
    buffer=st.sampled_from([0, 10, 15]),
    step=st.sampled_from([5, 15, 30]),
)
def test_no_slot_ever_breaks_a_rule(bookings, away, duration, buffer, step):
    hours = [WeeklyHours(0, time(8), time(13)), WeeklyHours(0, time(14), time(19, 30))]
    working = working_intervals(hours, MONDAY, MONDAY, LONDON)
    r = rules(duration=duration, buffer=buffer, step=step)

    slots = free_slots(working=working, unavailable=away, bookings=bookings, rules=r)

    for start in slots:
        session = Interval(start, start + r.duration)
        blocked = Interval(start, session.end + r.buffer)
        assert any(w.contains(session) for w in working)
        assert not any(session.overlaps(a) for a in away)
        assert not any(blocked.overlaps(b) for b in bookings)
    assert slots == sorted(set(slots))
