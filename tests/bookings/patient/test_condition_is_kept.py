"""A condition chosen at step 2 narrows every later step, the API and the booking itself:
a practitioner who does not focus on it is never offered and is refused if asked for."""

from datetime import time

import pytest

from bookings.models import Booking
from tests.bookings.conftest import MONDAY_9, details_post
from tests.factories import ConditionFactory, PractitionerFactory, WorkingHoursFactory

pytestmark = pytest.mark.django_db

REFUSED = "Tomasz Other does not list sciatica as a particular interest"


@pytest.fixture
def sciatica(practitioner, treatment):
    """Hannah focuses on sciatica; Tomasz, first in directory order, does not."""
    condition = ConditionFactory(slug="sciatica", name="Sciatica")
    practitioner.specialties.add(condition)
    practitioner.order = 2
    practitioner.save()
    other = PractitionerFactory(slug="tomasz", name="Tomasz Other", order=1)
    for weekday in range(5):
        WorkingHoursFactory(practitioner=other, weekday=weekday, start=time(8), end=time(17))
    treatment.practitioners.add(other)
    return other


def test_api_first_available_for_a_condition_offers_only_its_practitioners(
    client, clock, treatment, sciatica
):
    response = client.get(
        "/api/availability/",
        {
            "practitioner": "any",
            "service": treatment.slug,
            "date": "2026-11-23",
            "condition": "sciatica",
        },
    )

    offers = response.json()["offers"]
    assert {o["practitioner"] for o in offers} == {"hannah"}
    assert offers[0]["start"] == "2026-11-23T09:00:00+00:00"


def test_api_refuses_a_practitioner_outside_the_condition(client, clock, treatment, sciatica):
    response = client.get(
        "/api/availability/",
        {
            "practitioner": "tomasz",
            "service": treatment.slug,
            "date": "2026-11-23",
            "condition": "sciatica",
        },
    )

    assert response.status_code == 400
    assert response.json()["fields"]["practitioner"] == [REFUSED + "."]


def test_time_page_links_carry_the_condition(client, clock, treatment, sciatica):
    response = client.get(
        "/book/time/", {"treatment": treatment.slug, "practitioner": "any", "condition": "sciatica"}
    )

    body = response.content.decode()
    assert {o.practitioner.slug for o in response.context["offers"]} == {"hannah"}
    assert "practitioner=hannah&amp;condition=sciatica&amp;start=" in body
    assert 'data-condition="sciatica"' in body


def test_details_page_refuses_a_practitioner_outside_the_condition(
    client, clock, treatment, sciatica
):
    response = client.get(
        "/book/details/",
        {
            "treatment": treatment.slug,
            "practitioner": "tomasz",
            "condition": "sciatica",
            "start": MONDAY_9.isoformat(),
        },
    )

    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_booking_post_refuses_a_practitioner_outside_the_condition(
    client, clock, treatment, sciatica
):
    response = client.post(
        "/book/details/", details_post(treatment, sciatica, MONDAY_9, condition="sciatica")
    )

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not Booking.objects.exists()


def test_booking_post_with_the_condition_books_a_matching_practitioner(
    client, clock, practitioner, treatment, sciatica
):
    response = client.post(
        "/book/details/", details_post(treatment, practitioner, MONDAY_9, condition="sciatica")
    )

    assert response.status_code == 302
    assert Booking.objects.get().practitioner == practitioner


def test_a_condition_nobody_lists_offers_everyone(client, clock, treatment, practitioner):
    ConditionFactory(slug="spondylosis", name="Spondylosis")

    response = client.get(
        "/book/time/",
        {
            "treatment": treatment.slug,
            "practitioner": "any",
            "condition": "spondylosis",
            "date": "2026-11-23",
        },
    )

    assert response.status_code == 200
    assert response.context["offers"][0].practitioner == practitioner
