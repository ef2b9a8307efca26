from datetime import timedelta

import pytest

from bookings.models import Booking
from tests.bookings.conftest import MONDAY_9, details_post
from tests.factories import PatientFactory, PractitionerFactory, WorkingHoursFactory

pytestmark = pytest.mark.django_db

API = "/api/availability/"


def test_api_returns_iso_slots_with_offset(client, clock, practitioner, treatment):
    response = client.get(
        API, {"practitioner": practitioner.slug, "service": treatment.slug, "date": "2026-11-23"}
    )

    data = response.json()
    assert response.status_code == 200
    assert data["slots"][0] == "2026-11-23T09:00:00+00:00"
    assert data["slots"][-1] == "2026-11-23T16:15:00+00:00"
    assert len(data["slots"]) == 30


def test_api_first_available_names_who_is_free(client, clock, practitioner, treatment):
    response = client.get(
        API, {"practitioner": "any", "service": treatment.slug, "date": "2026-11-23"}
    )
    assert response.json()["offers"][0] == {
        "start": "2026-11-23T09:00:00+00:00",
        "practitioner": "hannah",
        "practitioner_name": "Hannah Okafor",
    }


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"practitioner": "nobody", "service": "follow-up", "date": "2026-11-23"}, "practitioner"),
        ({"practitioner": "hannah", "service": "nothing", "date": "2026-11-23"}, "service"),
        ({"practitioner": "hannah", "service": "follow-up", "date": "23/11/2026"}, "date"),
        ({"service": "follow-up", "date": "2026-11-23"}, "practitioner"),
    ],
)
def test_api_bad_parameter_is_a_json_400_naming_it(
    client, clock, practitioner, treatment, params, bad
):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response.json()["error"] == f"Bad parameter: {bad}"
    assert bad in response.json()["fields"]


@pytest.fixture
def busy_clinic(clock, practitioner, treatment):
    """Ten thousand bookings spread over the past years and the coming weeks."""
    others = PractitionerFactory.create_batch(5)
    for p in others:
        treatment.practitioners.add(p)
        for weekday in range(5):
            WorkingHoursFactory(practitioner=p, weekday=weekday)
    patients = PatientFactory.create_batch(50)
    everyone = [practitioner, *others]
    rows = []
    for i in range(10_000):
        start = MONDAY_9 - timedelta(days=3 * 365) + timedelta(hours=3 * i)
        rows.append(
            Booking(
                reference=f"R{i:07d}",
                patient=patients[i % 50],
                practitioner=everyone[i % 6],
                treatment=treatment,
                start=start,
                end=start + timedelta(minutes=45),
                blocked_until=start + timedelta(hours=1),
                screening_version="test",
            )
        )
    Booking.objects.bulk_create(rows, batch_size=1000)
    return everyone


QUERY_CEILING = 12


@pytest.mark.parametrize("who", ["hannah", "any"])
def test_api_query_ceiling_with_ten_thousand_bookings(
    client, busy_clinic, treatment, django_assert_max_num_queries, who
):
    with django_assert_max_num_queries(QUERY_CEILING):
        response = client.get(
            API, {"practitioner": who, "service": treatment.slug, "date": "2026-11-24"}
        )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/book/",
        "/book/practitioner/?treatment=follow-up",
        "/book/time/?treatment=follow-up&practitioner=any",
        "/book/time/?treatment=follow-up&practitioner=hannah",
    ],
)
def test_booking_pages_query_ceiling_with_ten_thousand_bookings(
    client, busy_clinic, django_assert_max_num_queries, path
):
    with django_assert_max_num_queries(QUERY_CEILING):
        response = client.get(path)
    assert response.status_code == 200


def test_booking_post_query_ceiling_with_ten_thousand_bookings(
    client, busy_clinic, treatment, practitioner, django_assert_max_num_queries
):
    start = MONDAY_9 + timedelta(
        days=30, hours=1
    )  # a weekday with hours; clear of the grid of bookings
    while Booking.objects.filter(
        practitioner=practitioner, start__lt=start + timedelta(hours=1), blocked_until__gt=start
    ).exists():
        start += timedelta(minutes=15)
    with django_assert_max_num_queries(40):
        response = client.post("/book/details/", details_post(treatment, practitioner, start))
    assert response.status_code == 302
