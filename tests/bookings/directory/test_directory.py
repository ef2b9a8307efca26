"""The directory and profiles show next free times and a Book button."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.diaries import store
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


def add_bookable(treatment, first: int, last: int) -> list:
    """Practitioners "Bookable 001" to "Bookable <last>", working Mondays 9 to 5."""
    added = []
    for n in range(first, last + 1):
        p = PractitionerFactory(name=f"Bookable {n:03d}")
        treatment.practitioners.add(p)
        WorkingHoursFactory(practitioner=p, weekday=0)
        added.append(p)
    return added


def test_directory_query_count_is_flat_with_fifty_bookable_practitioners(
    client, clock, treatment, django_assert_max_num_queries
):
    add_bookable(treatment, 1, 50)
    with django_assert_max_num_queries(16):  # 15th: unexpired holds; 16th: the page's count
        response = client.get("/practitioners/")
    assert len(response.context["next_free"]) == 12


def directory_queries(client, path: str) -> tuple[int, int]:
    """The page's queries with no diary cached, then with its diaries cached."""
    store.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts[0], counts[1]


def test_directory_costs_the_same_queries_for_13_and_130_practitioners(
    client, clock, settings, treatment
):
    settings.DIRECTORY_PAGE_SIZE = 12
    pages = ["/practitioners/", "/practitioners/?page=2"]
    add_bookable(treatment, 1, 13)
    thirteen = [directory_queries(client, path) for path in pages]

    add_bookable(treatment, 14, 130)
    hundred_and_thirty = [directory_queries(client, path) for path in pages]

    assert hundred_and_thirty == thirteen


@pytest.mark.parametrize(("page", "shown"), [(1, range(0, 12)), (11, range(120, 130))])
def test_next_free_is_worked_out_only_for_the_practitioners_shown(
    client, clock, settings, treatment, page, shown
):
    settings.DIRECTORY_PAGE_SIZE = 12
    everyone = add_bookable(treatment, 1, 130)

    response = client.get("/practitioners/", {"page": page})

    on_page = [everyone[i] for i in shown]
    assert [p.pk for p in response.context["practitioners"]] == [p.pk for p in on_page]
    assert set(response.context["next_free"]) == {p.pk for p in on_page}
    body = response.content.decode()
    assert body.count("Next free: <strong>Mon 23 Nov, 09:00</strong>") == len(on_page)
