"""Protections a review once broke without any test noticing. Each test here fails when its
protection is removed: the booking horizon (service and page), spreadsheet-safe CSV cells
that start with a tab or a carriage return, and PostgreSQL's own no-overlap constraint."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.urls import reverse

from bookings import services
from bookings.availability import Problem
from bookings.backoffice.csv_export import bookings_csv
from bookings.models import Booking
from tests.bookings.conftest import MONDAY_9, book_online, details_post
from tests.factories import BookingFactory, PatientFactory

pytestmark = pytest.mark.django_db

# NOW is Friday 08:00; four days on is Tuesday 08:00, before the diary opens. So Monday
# 09:00 is inside the horizon and Tuesday 09:00 is the first working time beyond it.
HORIZON_4_DAYS = override_settings(BOOKING_HORIZON_DAYS=4)
TUESDAY_9 = MONDAY_9 + timedelta(days=1)


@HORIZON_4_DAYS
def test_service_books_up_to_the_horizon_and_refuses_beyond_it(clock, practitioner, treatment):
    inside = book_online(practitioner, treatment, MONDAY_9)

    with pytest.raises(services.SlotUnavailable) as beyond:
        book_online(practitioner, treatment, TUESDAY_9)

    assert inside.start == MONDAY_9
    assert beyond.value.problem is Problem.TOO_FAR
    assert list(Booking.objects.values_list("start", flat=True)) == [MONDAY_9]


@HORIZON_4_DAYS
def test_staff_may_book_beyond_the_horizon(clock, practitioner, treatment, reception_user):
    booking = book_online(practitioner, treatment, TUESDAY_9, created_by=reception_user)
    assert booking.start == TUESDAY_9


@HORIZON_4_DAYS
def test_details_page_refuses_a_time_beyond_the_horizon(client, clock, practitioner, treatment):
    response = client.post(
        reverse("bookings:details"), details_post(treatment, practitioner, TUESDAY_9)
    )

    assert response.status_code == 409
    assert "too far ahead to book yet" in response.content.decode()
    assert not Booking.objects.exists()


@HORIZON_4_DAYS
def test_details_form_is_not_offered_beyond_the_horizon(client, clock, practitioner, treatment):
    query = {"treatment": treatment.slug, "practitioner": practitioner.slug}
    inside = client.get(reverse("bookings:details"), {**query, "start": MONDAY_9.isoformat()})
    beyond = client.get(reverse("bookings:details"), {**query, "start": TUESDAY_9.isoformat()})

    assert inside.status_code == 200
    assert beyond.status_code == 409
    assert "That time is too far ahead to book yet." in beyond.content.decode()


@pytest.mark.parametrize("start", ["\t=1+2", "\r=1+2", "\tplain", "\rplain"])
def test_csv_cells_starting_with_tab_or_carriage_return_are_neutralised(
    clock, practitioner, treatment, start
):
    booking = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(first_name=start, last_name="X"),
        patient_note=start,
        staff_notes=start,
    )

    rows = list(csv.reader(io.StringIO(bookings_csv([booking]))))

    name, note, staff = rows[1][6], rows[1][11], rows[1][12]
    assert name == f"'{start} X"
    assert note == staff == f"'{start}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an exclusion constraint")
def test_postgresql_refuses_an_overlapping_insert_that_skips_the_services(practitioner, treatment):
    BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    # Straight to the table, as a bug or a script around the services would write.
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            start=MONDAY_9 + timedelta(minutes=50),  # inside the first one's buffer
        )

    # A cancelled booking holds no time, and the next free time is accepted.
    Booking.objects.update(status=Booking.Status.CANCELLED)
    BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    assert Booking.objects.count() == 2
