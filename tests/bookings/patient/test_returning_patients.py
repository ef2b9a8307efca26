"""A "returning patients" treatment: the treatment page says plainly who it is for, and
online it can only be booked with an email address that has an attended session on its
patient record. Staff may book it for anyone."""

from datetime import timedelta

import pytest
from django.urls import reverse

from bookings import services
from bookings.models import Booking, Patient, Treatment
from tests.bookings.conftest import MONDAY_9, details_post
from tests.factories import BookingFactory, PatientFactory, TreatmentFactory

pytestmark = pytest.mark.django_db

DETAILS_URL = reverse("bookings:details")
REFUSAL = "is only for patients who have had a session with us before"


@pytest.fixture
def returning(treatment):
    treatment.patient_kind = Treatment.PatientKind.RETURNING
    treatment.save()
    return treatment


def attended(practitioner, treatment, email):
    return BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9 - timedelta(days=14),
        status=Booking.Status.ATTENDED,
        patient=PatientFactory(email=email),
    )


def test_the_treatment_page_says_who_each_treatment_is_for(client, returning):
    TreatmentFactory(name="First visit", patient_kind=Treatment.PatientKind.NEW)
    TreatmentFactory(name="Open to all", patient_kind=Treatment.PatientKind.ANY)

    page = client.get(reverse("bookings:start")).content.decode()

    assert "Only for patients who have had a session with us before" in page
    assert "For your first visit to us" in page
    assert "For new and returning patients" in page


def test_a_new_address_cannot_book_a_returning_treatment_and_is_told_why(
    client, clock, practitioner, returning
):
    response = client.post(DETAILS_URL, details_post(returning, practitioner, MONDAY_9))

    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert "book an initial consultation" in response.content.decode()
    assert not Booking.objects.exists()
    assert not Patient.objects.exists()


@pytest.mark.parametrize("status", [Booking.Status.CONFIRMED, Booking.Status.NO_SHOW])
def test_a_booking_that_was_not_attended_does_not_make_a_returning_patient(
    client, clock, practitioner, returning, status
):
    earlier = attended(practitioner, returning, "alex@example.org")
    earlier.status = status
    earlier.save()

    response = client.post(DETAILS_URL, details_post(returning, practitioner, MONDAY_9))

    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert Booking.objects.count() == 1


def test_an_address_with_an_attended_session_books_it(client, clock, practitioner, returning):
    attended(practitioner, returning, "alex@example.org")

    response = client.post(
        DETAILS_URL, details_post(returning, practitioner, MONDAY_9, email="Alex@Example.org")
    )

    assert response.status_code == 302
    assert Booking.objects.filter(start=MONDAY_9).exists()


def test_the_details_page_says_so_before_anything_is_typed(client, clock, practitioner, returning):
    page = client.get(
        DETAILS_URL,
        {
            "treatment": returning.slug,
            "practitioner": practitioner.slug,
            "start": MONDAY_9.isoformat(),
        },
    ).content.decode()
    assert "use the email address you booked with before" in page


def test_staff_may_book_it_for_anyone(clock, practitioner, returning, reception_user):
    booking = services.book(
        practitioner=practitioner,
        treatment=returning,
        start=MONDAY_9,
        patient=PatientFactory(),
        screening_answers={},
        consented=False,
        created_by=reception_user,
    )
    assert booking.pk is not None
