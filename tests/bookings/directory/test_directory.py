"""The directory and profiles show next free times and a Book button."""

from datetime import timedelta

import pytest

from tests.bookings.conftest import NOW
from tests.factories import PractitionerFactory, WorkingHoursFactory

pytestmark = pytest.mark.django_db


def test_directory_card_shows_next_free_time_and_book_button(
    client, clock, practitioner, treatment
):
    body = client.get("/practitioners/").content.decode()

    assert "Next free: <strong>Fri 20 Nov, 10:00</strong>" in body
    assert f"/book/time/?treatment={treatment.slug}&amp;practitioner={practitioner.slug}" in body


def test_profile_lists_the_next_free_times_linking_to_details(
    client, clock, practitioner, treatment
):
    response = client.get(practitioner.get_absolute_url())

    assert response.context["free_times"][0] == NOW + timedelta(hours=2)
    assert len(response.context["free_times"]) == 6
    assert (
        "/book/details/?treatment=follow-up&amp;practitioner=hannah&amp;start=2026-11-20T10%3A00%3A00%2B00%3A00"
        in response.content.decode()
    )


def test_practitioner_offering_nothing_has_no_book_button(client, clock, practitioner):
    idle = PractitionerFactory(name="Idle Person")
    body = client.get(idle.get_absolute_url()).content.decode()
    assert "Book with" not in body


def test_directory_query_count_is_flat_with_fifty_bookable_practitioners(
    client, clock, treatment, django_assert_max_num_queries
):
    for p in PractitionerFactory.create_batch(50):
        treatment.practitioners.add(p)
        WorkingHoursFactory(practitioner=p, weekday=0)
    with django_assert_max_num_queries(15):  # 15th: the unexpired holds, busy like bookings
        response = client.get("/practitioners/")
    assert len(response.context["next_free"]) == 50
