"""Step 3 and the move page reach every bookable day up to the horizon, two weeks at a
time or by a date picker, and say why a day has no times: not working, clinic closed,
full."""

import html
from datetime import date, timedelta

import pytest

from tests.bookings.conftest import MONDAY_9
from tests.factories import BookingFactory, ClinicClosureFactory, TimeOffFactory

pytestmark = pytest.mark.django_db

# The clock is Friday 20 November 2026, 08:00; the horizon is 60 days.
LAST_BOOKABLE = date(2027, 1, 19)


def time_page(client, treatment, practitioner, **params):
    return client.get(
        "/book/time/", {"treatment": treatment.slug, "practitioner": practitioner.slug, **params}
    )


def labels(response) -> dict[date, str]:
    return {d.day: d.state for d in response.context["days"]}


def test_a_day_six_weeks_ahead_can_be_chosen(client, clock, practitioner, treatment):
    wanted = date(2027, 1, 4)  # a Monday

    response = time_page(client, treatment, practitioner, date=wanted.isoformat())

    assert response.status_code == 200
    assert response.context["chosen_day"] == wanted
    assert response.context["offers"][0].start.isoformat() == "2027-01-04T09:00:00+00:00"
    assert wanted in labels(response)


def test_two_weeks_at_a_time_up_to_the_horizon(client, clock, practitioner, treatment):
    first = time_page(client, treatment, practitioner)
    last = time_page(client, treatment, practitioner, date=LAST_BOOKABLE.isoformat())

    assert [d.day for d in first.context["days"]][0] == date(2026, 11, 20)
    assert len(first.context["days"]) == 14
    assert first.context["earlier"] is None
    assert first.context["later"] == date(2026, 12, 4)
    assert "Later dates" in first.content.decode()
    assert [d.day for d in last.context["days"]] == [
        date(2027, 1, 15) + timedelta(days=i) for i in range(5)
    ]
    assert last.context["later"] is None
    assert last.context["earlier"] == date(2027, 1, 1)


def test_a_day_past_the_horizon_shows_the_last_bookable_fortnight(
    client, clock, practitioner, treatment
):
    response = time_page(client, treatment, practitioner, date="2027-06-01")

    assert response.status_code == 200
    assert response.context["days"][-1].day == LAST_BOOKABLE


def test_the_date_picker_is_bounded_by_today_and_the_horizon(
    client, clock, practitioner, treatment
):
    body = time_page(client, treatment, practitioner).content.decode()

    assert 'type="date" name="date" min="2026-11-20" max="2027-01-19"' in body


def test_days_without_times_say_why(client, clock, practitioner, treatment):
    ClinicClosureFactory(name="Christmas Day", start_date=date(2026, 12, 25))
    TimeOffFactory(
        practitioner=practitioner,
        start=MONDAY_9 - timedelta(hours=2),
        end=MONDAY_9 + timedelta(hours=10),
    )
    for hour in range(8):  # Tuesday 24 November, booked from 09:00 to 17:00
        BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            start=MONDAY_9 + timedelta(days=1, hours=hour),
        )

    november = time_page(client, treatment, practitioner)
    december = time_page(client, treatment, practitioner, date="2026-12-21")

    assert labels(november)[date(2026, 11, 22)] == "off"  # a Sunday
    assert labels(november)[date(2026, 11, 23)] == "off"  # a whole day's time off
    assert labels(november)[date(2026, 11, 24)] == "full"
    assert labels(november)[date(2026, 11, 25)] == "free"
    assert labels(december)[date(2026, 12, 25)] == "closed"
    body = html.unescape(november.content.decode())
    assert "Not working" in body
    assert "Full" in body
    assert "Clinic closed" in html.unescape(december.content.decode())


def test_today_after_the_last_bookable_time_says_so(client, practitioner, treatment):
    import time_machine

    with time_machine.travel("2026-11-20T16:00:00+00:00", tick=False):
        response = time_page(client, treatment, practitioner)

    assert labels(response)[date(2026, 11, 20)] == "over"
    assert "No times left" in response.content.decode()
