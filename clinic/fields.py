"""The one way dates and date-times are read from a request.

Python's dates end at year 1 and year 9999, so a page asked for 9999-12-31 that adds a day,
or a time at 0001-01-01T00:00+14:00 turned into UTC, fails with OverflowError (a 500). A
clinic has no business before 2000 or after 2100, so every date typed, chosen or carried
in a link is held to that range here, with a clear message, before any arithmetic.
"""

from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def out_of_range_message(earliest: date = EARLIEST_DATE, latest: date = LATEST_DATE) -> str:
    return (
        f"Please choose a date between {date_format(earliest, 'j F Y')} "
        f"and {date_format(latest, 'j F Y')}."
    )


def in_range(day: date, earliest: date = EARLIEST_DATE, latest: date = LATEST_DATE) -> bool:
    return earliest <= day <= latest


class BoundedDateField(forms.DateField):
    """A DateField that refuses dates outside EARLIEST_DATE..LATEST_DATE (or the range given).

    ISO dates (YYYY-MM-DD) are what the pages and links write; pass `input_formats` to
    accept others, as the admin's date widget does through its locale formats.
    """

    def __init__(self, *, earliest: date = EARLIEST_DATE, latest: date = LATEST_DATE, **kwargs):
        self.earliest, self.latest = earliest, latest
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and not in_range(value, self.earliest, self.latest):
            raise forms.ValidationError(
                out_of_range_message(self.earliest, self.latest), code="out_of_range"
            )


class BoundedSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date-and-time pair, with its date part bounded as above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_field = self.fields[0]
        bounded = BoundedDateField(
            input_formats=date_field.input_formats,
            error_messages=date_field.error_messages,
            required=date_field.required,
            localize=date_field.localize,
        )
        self.fields = (bounded, *self.fields[1:])


def parse_start(value: str | None) -> datetime | None:
    """An ISO 8601 date-time with its offset, as the pages and the API write them.

    None when it is malformed, has no offset, or falls outside the bounded range; a `+` in a
    query string arrives as a space, so a space before the offset is read as `+`.
    """
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "+"))
    except ValueError:
        return None
    # Check the wall-clock date before anything converts the time zone: converting
    # 0001-01-01T00:00+14:00 or 9999-12-31T23:59-12:00 to UTC overflows.
    if not timezone.is_aware(moment) or not in_range(moment.date()):
        return None
    return moment
