"""Dates at the ends of the calendar, from every door that reads one (issue 10).

Each request below was an OverflowError (a 500). Pages answer with their normal page or a
clear message instead; the API answers 400 naming the parameter.

The parser is clinic.fields (BoundedDateField, BoundedSplitDateTimeField, parse_start),
used by every form and view of bookings that reads a date.
"""

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission

from bookings.backoffice.roles import RECEPTION, apply_roles
from practitioners.models import TimeOff
from tests.factories import (
    BookingFactory,
    PractitionerFactory,
    TreatmentFactory,
    UserFactory,
    WorkingHoursFactory,
    manage_link,
)

pytestmark = pytest.mark.django_db


NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
FAR = ["9999-12-31", "0001-01-01"]
FAR_STARTS = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def clinic():
    user = UserFactory(username="hannah")
    practitioner = PractitionerFactory(slug="hannah", name="Hannah Okafor", user=user)
    for weekday in range(5):
        WorkingHoursFactory(practitioner=practitioner, weekday=weekday, start=time(9), end=time(17))
    treatment = TreatmentFactory(slug="follow-up", duration_minutes=45)
    treatment.practitioners.add(practitioner)
    booking = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=datetime(2026, 11, 23, 9, tzinfo=UTC)
    )
    return practitioner, treatment, booking


@pytest.fixture
def reception(client):
    apply_roles(Group, Permission)
    user = UserFactory(username="reception", is_staff=True)
    user.groups.add(Group.objects.get(name=RECEPTION))
    client.force_login(user)
    return client


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize("who", ["hannah", "any"])
def test_availability_api_answers_400_for_a_far_date(client, clinic, who, day):
    response = client.get(
        "/api/availability/", {"practitioner": who, "service": "follow-up", "date": day}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "Bad parameter: date"


@pytest.mark.parametrize("day", FAR)
def test_time_page_with_a_far_date_shows_a_page(client, clinic, day):
    response = client.get(
        "/book/time/", {"treatment": "follow-up", "practitioner": "hannah", "date": day}
    )

    assert response.status_code in (200, 400)


@pytest.mark.parametrize("start", FAR_STARTS)
def test_details_page_with_a_far_start_asks_to_choose_again(client, clinic, start):
    response = client.get(
        "/book/details/", {"treatment": "follow-up", "practitioner": "hannah", "start": start}
    )

    assert response.status_code in (200, 400)


@pytest.mark.parametrize("start", FAR_STARTS)
def test_details_post_with_a_far_start_books_nothing(client, clinic, start):
    _, _, booking = clinic
    response = client.post(
        "/book/details/", {"treatment": "follow-up", "practitioner": "hannah", "start": start}
    )

    assert response.status_code in (200, 400, 409)


@pytest.mark.parametrize("day", FAR)
def test_move_page_with_a_far_date_shows_a_page(client, clinic, day):
    _, _, booking = clinic
    response = client.get(manage_link(booking).replace("?", "move/?") + f"&date={day}")

    assert response.status_code in (200, 400)


@pytest.mark.parametrize("start", FAR_STARTS)
def test_move_post_with_a_far_start_moves_nothing(client, clinic, start):
    _, _, booking = clinic
    response = client.post(manage_link(booking).replace("?", "move/?"), {"start": start})

    assert response.status_code in (200, 400, 409)


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize("view", ["day", "week", "agenda"])
def test_schedule_with_a_far_date_shows_a_page(client, clinic, view, day):
    client.force_login(clinic[0].user)

    response = client.get("/schedule/", {"view": view, "date": day})

    assert response.status_code in (200, 400)


def test_time_off_ending_9999_is_refused_with_a_message(client, clinic):
    client.force_login(clinic[0].user)

    response = client.post(
        "/schedule/time-off/",
        {"start_date": "2026-12-01", "end_date": "9999-12-31", "reason": "holiday"},
    )

    assert response.status_code == 200
    assert not TimeOff.objects.exists()


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize("page", ["day", "week"])
def test_admin_day_sheet_and_week_with_a_far_date(reception, clinic, page, day):
    response = reception.get(f"/admin/bookings/booking/{page}/", {"date": day})

    assert response.status_code in (200, 400)


def test_admin_booking_in_year_9999_is_a_form_error(reception, clinic):
    practitioner, treatment, booking = clinic
    response = reception.post(
        "/admin/bookings/booking/add/",
        {
            "patient": booking.patient.pk,
            "practitioner": practitioner.pk,
            "treatment": treatment.pk,
            "start_0": "31/12/9999",
            "start_1": "23:00",
        },
    )

    assert response.status_code == 200


@pytest.mark.parametrize("query", ["start__year=9999", "start__year=9999&start__month=12"])
def test_admin_booking_list_drilled_to_year_9999(reception, clinic, query):
    response = reception.get(f"/admin/bookings/booking/?{query}")

    assert response.status_code in (200, 302)
