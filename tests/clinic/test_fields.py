"""The one parser for dates and date-times read from a request (clinic.fields)."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django import forms

from clinic.fields import BoundedDateField, BoundedSplitDateTimeField, parse_start

OUT_OF_RANGE = "Please choose a date between 1 January 2000 and 31 December 2100."


class DayForm(forms.Form):
    date = BoundedDateField(required=False, input_formats=["%Y-%m-%d"])


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01"])
def test_bounded_date_field_refuses_a_date_outside_the_range(value):
    form = DayForm({"date": value})

    assert not form.is_valid()
    assert form.errors["date"] == [OUT_OF_RANGE]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2000-01-01", date(2000, 1, 1)),
        ("2026-11-23", date(2026, 11, 23)),
        ("2100-12-31", date(2100, 12, 31)),
        ("", None),
    ],
)
def test_bounded_date_field_accepts_dates_inside_the_range(value, expected):
    form = DayForm({"date": value})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == expected


def test_bounded_date_field_keeps_its_ordinary_errors():
    form = DayForm({"date": "23/11/2026"})

    assert not form.is_valid()
    assert form.errors["date"] == ["Enter a valid date."]


def test_bounded_date_field_takes_its_own_range():
    class BirthForm(forms.Form):
        born = BoundedDateField(earliest=date(1900, 1, 1), input_formats=["%Y-%m-%d"])

    assert BirthForm({"born": "1950-06-01"}).is_valid()
    assert BirthForm({"born": "1899-12-31"}).errors["born"] == [
        "Please choose a date between 1 January 1900 and 31 December 2100."
    ]


def test_bounded_split_date_time_field_refuses_year_9999_and_accepts_a_normal_day():
    class StartForm(forms.Form):
        start = BoundedSplitDateTimeField()

    far = StartForm({"start_0": "9999-12-31", "start_1": "23:00"})
    near = StartForm({"start_0": "2026-11-23", "start_1": "09:30"})

    assert far.errors["start"] == [OUT_OF_RANGE]
    assert near.is_valid(), near.errors
    assert near.cleaned_data["start"].date() == date(2026, 11, 23)


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T00:00:00+00:00",
        "0001-01-01T00:00:00+00:00",
        "1999-12-31T23:59:59+00:00",
        "2101-01-01T00:00:00+00:00",
    ],
)
def test_parse_start_refuses_times_outside_the_range(value):
    assert parse_start(value) is None


@pytest.mark.parametrize(
    "value",
    ["", "tomorrow", "2026-11-23T09:00:00", "2026-11-23", "2026-13-01T09:00:00+00:00", "\0", None],
)
def test_parse_start_refuses_malformed_or_naive_times(value):
    assert parse_start(value) is None


def test_parse_start_reads_an_offset_and_a_plus_turned_into_a_space():
    assert parse_start("2026-11-23T09:00:00+00:00") == datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert parse_start("2026-06-01T10:00:00 01:00") == datetime(
        2026, 6, 1, 10, tzinfo=timezone(timedelta(hours=1))
    )


def test_parse_start_result_can_be_converted_to_utc_at_both_ends():
    earliest = parse_start("2000-01-01T00:00:00+14:00")
    latest = parse_start("2100-12-31T23:59:59-12:00")

    assert earliest.astimezone(UTC) == datetime(1999, 12, 31, 10, tzinfo=UTC)
    assert latest.astimezone(UTC) == datetime(2101, 1, 1, 11, 59, 59, tzinfo=UTC)
