"""No request waits on the mail server: requests only queue mail; the worker sends it.

The server here takes the connection and never answers, as a hung mail server does. Before
the worker existed, each booking waited for it twice (confirmation and practitioner's
notice) after commit. These tests commit for real (transaction=True) so anything hung on
commit would run.
"""

import time

import pytest
from django.urls import reverse

from bookings.models import Booking, OutgoingEmail
from tests.bookings.conftest import MONDAY_9, details_post
from tests.factories import BookingFactory, PatientFactory, manage_secret

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_booking_request_returns_without_touching_a_hung_mail_server(
    client, clock, practitioner, treatment, silent_mail_server
):
    started = time.perf_counter()
    response = client.post(
        reverse("bookings:details"), details_post(treatment, practitioner, MONDAY_9)
    )
    elapsed = time.perf_counter() - started

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert silent_mail_server.connections() == 0
    assert elapsed < 2
    pending = OutgoingEmail.objects.filter(booking=booking, sent_at__isnull=True)
    assert sorted(pending.values_list("kind", flat=True)) == ["confirmed", "practitioner_notice"]
    assert set(pending.values_list("attempts", flat=True)) == {0}


def test_cancelling_through_the_manage_link_never_touches_the_mail_server(
    client, clock, practitioner, treatment, silent_mail_server
):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    response = client.post(
        reverse("bookings:cancel", args=[booking.reference]), {"token": manage_secret(booking)}
    )

    assert response.status_code == 302
    assert silent_mail_server.connections() == 0
    assert OutgoingEmail.objects.filter(kind="cancelled", sent_at__isnull=True).count() == 1


def test_a_sign_in_link_request_never_touches_the_mail_server(
    client, clock, practitioner, treatment, silent_mail_server
):
    patient = PatientFactory(email="alex@example.org")
    BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9, patient=patient)

    response = client.post(reverse("bookings:my_bookings_request"), {"email": "alex@example.org"})

    assert response.status_code == 200
    assert silent_mail_server.connections() == 0
    assert OutgoingEmail.objects.filter(kind="sign_in_link", sent_at__isnull=True).count() == 1
