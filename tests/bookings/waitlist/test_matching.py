"""The pure rules: which times suit a person, and how long a time is kept."""

from datetime import UTC, date, datetime, time, timedelta

from bookings.waitlist.matching import (
    TimeRange,
    grid_key,
    hold_expiry,
    offer_keep,
    part_range,
    suits,
)

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
MINUTES_10 = timedelta(minutes=10)
NOTICE = timedelta(hours=2)


def test_a_session_suits_when_it_starts_inside_a_range_on_or_before_the_last_day():
    monday_morning = part_range(0, "morning")  # 07:00 to 12:00
    monday = date(2026, 11, 23)

    assert suits(datetime(2026, 11, 23, 7, 0), [monday_morning], monday)
    assert suits(datetime(2026, 11, 23, 11, 45), [monday_morning], monday)
    assert not suits(datetime(2026, 11, 23, 12, 0), [monday_morning], monday)  # afternoon
    assert not suits(datetime(2026, 11, 24, 9, 0), [monday_morning], monday)  # Tuesday
    assert not suits(datetime(2026, 11, 30, 9, 0), [monday_morning], monday)  # after the last day


def test_a_range_on_any_day_suits_every_weekday():
    lunch = TimeRange(None, time(12, 30), time(14))
    for day in range(23, 30):
        assert suits(datetime(2026, 11, day, 13, 0), [lunch], date(2026, 12, 31))


def test_ranges_round_trip_and_describe_themselves():
    typed = TimeRange(1, time(12, 30), time(14))
    assert TimeRange.from_json(typed.as_json()) == typed
    assert typed.describe() == "Tuesday 12:30-14:00"
    assert part_range(4, "evening").describe() == "Friday evening"
    assert grid_key(part_range(4, "evening")) == "4-evening"
    assert grid_key(typed) is None


def test_a_hold_lasts_its_minutes():
    start = NOW + timedelta(days=3)
    assert hold_expiry(now=NOW, start=start, keep=MINUTES_10, notice=NOTICE) == NOW + MINUTES_10


def test_a_hold_never_outlives_the_last_moment_its_time_can_be_booked():
    start = NOW + NOTICE + timedelta(minutes=4)
    assert hold_expiry(now=NOW, start=start, keep=MINUTES_10, notice=NOTICE) == start - NOTICE
    assert hold_expiry(now=NOW, start=NOW + NOTICE, keep=MINUTES_10, notice=NOTICE) is None


def test_an_offer_for_a_session_within_a_day_is_kept_for_the_shorter_time():
    keep, soon, day = timedelta(minutes=30), timedelta(minutes=10), timedelta(hours=24)
    tomorrow_late = NOW + timedelta(hours=25)
    tonight = NOW + timedelta(hours=9)

    assert offer_keep(now=NOW, start=tomorrow_late, keep=keep, keep_soon=soon, soon=day) == keep
    assert offer_keep(now=NOW, start=tonight, keep=keep, keep_soon=soon, soon=day) == soon
