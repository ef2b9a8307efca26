"""Proposing a course on its own: no database, an explicit clock."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bookings.availability import (
    Interval,
    Problem,
    SlotRules,
    WeeklyHours,
    check_slot,
    whole_days,
    working_intervals,
)
from bookings.courses.planning import clashes_within, propose, session_days

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)  # Thursday 1 October 2026


def rules(duration=45, buffer=15, horizon_days=60):
    return SlotRules(
        duration=timedelta(minutes=duration),
        buffer=timedelta(minutes=buffer),
        step=timedelta(minutes=15),
        earliest=NOW + timedelta(hours=2),
        latest=NOW + timedelta(days=horizon_days),
    )


def weekdays_9_to_5(first, last):
    hours = [WeeklyHours(d, time(9), time(17)) for d in range(5)]
    return working_intervals(hours, first, last, LONDON)


def local(moment):
    return moment.astimezone(LONDON).strftime("%a %d %b %H:%M")


def plan(days, *, at=time(10), working=None, unavailable=(), bookings=(), **rule_options):
    working = working or weekdays_9_to_5(days[0] - timedelta(days=7), days[-1] + timedelta(days=7))
    return propose(
        days,
        at=at,
        tz=LONDON,
        working=working,
        unavailable=list(unavailable),
        bookings=list(bookings),
        rules=rules(**rule_options),
    )


def test_session_days_start_on_the_preferred_weekday_and_keep_the_rhythm():
    assert session_days(date(2026, 10, 1), weekday=0, count=3, rhythm="weekly") == [
        date(2026, 10, 5),
        date(2026, 10, 12),
        date(2026, 10, 19),
    ]
    assert session_days(date(2026, 10, 5), weekday=0, count=3, rhythm="fortnightly") == [
        date(2026, 10, 5),
        date(2026, 10, 19),
        date(2026, 11, 2),
    ]


def test_free_preferred_times_are_proposed_as_they_are():
    days = session_days(date(2026, 10, 5), weekday=0, count=6, rhythm="weekly")
    proposals = plan(days)
    assert [local(p.start) for p in proposals] == [
        "Mon 05 Oct 10:00",
        "Mon 12 Oct 10:00",
        "Mon 19 Oct 10:00",
        "Mon 26 Oct 10:00",
        "Mon 02 Nov 10:00",
        "Mon 09 Nov 10:00",
    ]
    assert all(p.problem is None and not p.moved for p in proposals)


def test_the_clock_change_keeps_the_wall_clock_time():
    # British Summer Time ends on Sunday 25 October 2026: 10:00 is 09:00 UTC before, 10:00 after.
    days = session_days(date(2026, 10, 19), weekday=0, count=2, rhythm="weekly")
    first, second = plan(days)
    assert first.start == datetime(2026, 10, 19, 9, 0, tzinfo=UTC)
    assert second.start == datetime(2026, 10, 26, 10, 0, tzinfo=UTC)


def at_local(day, start, end):
    return Interval(
        datetime.combine(day, start, tzinfo=LONDON), datetime.combine(day, end, tzinfo=LONDON)
    )


MONDAY = date(2026, 10, 12)


def test_a_taken_preferred_time_moves_to_the_nearest_free_time_that_week():
    [p] = plan([MONDAY], bookings=[at_local(MONDAY, time(9, 30), time(11))])
    assert p.problem is Problem.TAKEN
    # Nothing fits between 09:00 and the booking at 09:30, so the first time after it.
    assert local(p.start) == "Mon 12 Oct 11:00"
    assert p.moved


def test_the_nearest_time_may_be_earlier():
    [p] = plan([MONDAY], bookings=[at_local(MONDAY, time(10), time(10, 30))])
    # 09:00 (with its buffer until 10:00) is an hour away; 10:30 is half an hour.
    assert local(p.start) == "Mon 12 Oct 10:30"
    [q] = plan([MONDAY], at=time(11), bookings=[at_local(MONDAY, time(11), time(12, 30))])
    # 10:00 (until 11:00 with its buffer) is an hour before; 12:30 an hour and a half after.
    assert local(q.start) == "Mon 12 Oct 10:00"


def test_of_two_equally_near_times_the_earlier_is_proposed():
    [p] = plan([MONDAY], at=time(10, 15), bookings=[at_local(MONDAY, time(10, 30), time(11))])
    # 09:30 (blocked until 10:30) and 11:00 are both 45 minutes from 10:15.
    assert local(p.start) == "Mon 12 Oct 09:30"


def test_time_off_on_the_day_moves_the_session_to_another_day_that_week():
    [p] = plan([MONDAY], unavailable=[at_local(MONDAY, time(0), time(23, 59))])
    assert p.problem is Problem.UNAVAILABLE
    assert local(p.start) == "Tue 13 Oct 09:00"


def test_a_week_closed_for_everyone_has_no_proposal_and_the_rest_go_ahead():
    closure = whole_days(date(2026, 10, 19), date(2026, 10, 25), LONDON)
    days = session_days(date(2026, 10, 12), weekday=0, count=3, rhythm="weekly")
    proposals = plan(days, unavailable=[closure])
    assert [p.start and local(p.start) for p in proposals] == [
        "Mon 12 Oct 10:00",
        None,
        "Mon 26 Oct 10:00",
    ]
    assert proposals[1].problem is Problem.UNAVAILABLE


def test_sessions_beyond_the_horizon_are_left_for_staff_to_choose():
    days = session_days(date(2026, 11, 23), weekday=0, count=2, rhythm="fortnightly")
    proposals = plan(days, horizon_days=60)  # the horizon ends on 30 November
    assert proposals[0].start is not None
    assert proposals[1].start is None and proposals[1].problem is Problem.TOO_FAR


def test_every_proposal_keeps_every_rule_and_the_course_never_overlaps_itself():
    # A diary full on Monday mornings, a closure and a clock change in the middle.
    first = date(2026, 10, 5)
    days = session_days(first, weekday=0, count=8, rhythm="weekly")
    working = weekdays_9_to_5(first, days[-1] + timedelta(days=6))
    unavailable = [whole_days(date(2026, 10, 20), date(2026, 10, 20), LONDON)]
    bookings = [
        Interval(
            datetime.combine(d, time(9), tzinfo=LONDON),
            datetime.combine(d, time(12), tzinfo=LONDON),
        )
        for d in days
    ]
    proposals = plan(days, working=working, unavailable=unavailable, bookings=bookings)
    starts = [p.start for p in proposals]
    assert None not in starts
    taken = list(bookings)
    for start in starts:
        assert (
            check_slot(
                start, working=working, unavailable=unavailable, bookings=taken, rules=rules()
            )
            is None
        )
        taken.append(Interval(start, start + timedelta(minutes=60)))
    assert clashes_within(starts, length=timedelta(minutes=60)) == set()
    assert [local(s) for s in starts][:2] == ["Mon 05 Oct 12:00", "Mon 12 Oct 12:00"]


def test_clashes_within_finds_overlapping_sessions_of_one_course():
    a = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
    starts = [a, a + timedelta(minutes=30), a + timedelta(hours=2)]
    assert clashes_within(starts, length=timedelta(minutes=60)) == {0, 1}
