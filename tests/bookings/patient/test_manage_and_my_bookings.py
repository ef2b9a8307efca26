from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse

from bookings.models import Booking
from bookings.patient.my_bookings import SIGN_IN_SALT
from tests.bookings.conftest import MONDAY_9, NOW
from tests.factories import BookingFactory, PatientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(practitioner, treatment, clock):
    return BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(email="alex@example.org", first_name="Alex"),
    )


def test_manage_page_shows_the_booking(client, booking):
    response = client.get(booking.manage_url)
    assert response.status_code == 200
    assert booking.reference in response.content.decode()
    assert "Cancel booking" in response.content.decode()


@pytest.mark.parametrize("token", ["", "wrong", "x" * 43])
def test_wrong_token_is_404_like_an_unknown_reference(client, booking, token):
    wrong = client.get(reverse("bookings:manage", args=[booking.reference]), {"token": token})
    unknown = client.get(
        reverse("bookings:manage", args=["NOSUCHREF"]), {"token": booking.manage_token}
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.content == unknown.content


def test_cancel_through_the_manage_link(client, booking, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bookings:cancel", args=[booking.reference]),
            {"token": booking.manage_token, "reason": "Away"},
        )
    booking.refresh_from_db()
    assert response.status_code == 302
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancellation_reason == "Away"
    assert mail.outbox[0].subject == f"Your booking is cancelled: {booking.reference}"


def test_cancel_with_wrong_token_changes_nothing(client, booking):
    response = client.post(reverse("bookings:cancel", args=[booking.reference]), {"token": "nope"})
    booking.refresh_from_db()
    assert response.status_code == 404
    assert booking.status == Booking.Status.CONFIRMED


def test_late_cancel_is_refused_and_says_to_call(client, practitioner, treatment, clock):
    soon = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW + timedelta(hours=6)
    )

    page = client.get(soon.manage_url)
    client.post(reverse("bookings:cancel", args=[soon.reference]), {"token": soon.manage_token})

    soon.refresh_from_db()
    assert (
        "cannot be moved or cancelled online. To change it, please call us" in page.content.decode()
    )
    assert "Cancel booking" not in page.content.decode()
    assert soon.status == Booking.Status.CONFIRMED


def test_move_shows_free_times_and_moves(client, booking, django_capture_on_commit_callbacks):
    url = reverse("bookings:move", args=[booking.reference])
    page = client.get(url, {"token": booking.manage_token, "date": "2026-11-24"})
    new_start = page.context["offers"][0].start

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"token": booking.manage_token, "start": new_start.isoformat()})

    booking.refresh_from_db()
    assert response.status_code == 302
    assert booking.start == new_start == MONDAY_9 + timedelta(days=1)
    assert mail.outbox[0].subject == f"Your booking has moved: {booking.reference}"


def test_move_offers_the_bookings_own_neighbourhood(client, booking):
    page = client.get(
        reverse("bookings:move", args=[booking.reference]),
        {"token": booking.manage_token, "date": "2026-11-23"},
    )
    # 09:15 overlaps the booking's current time, which is freed by the move.
    assert MONDAY_9 + timedelta(minutes=15) in [o.start for o in page.context["offers"]]


def test_move_onto_a_taken_time_is_refused_with_fresh_times(
    client, booking, practitioner, treatment
):
    other = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(hours=3)
    )

    response = client.post(
        reverse("bookings:move", args=[booking.reference]),
        {"token": booking.manage_token, "start": other.start.isoformat()},
    )

    booking.refresh_from_db()
    assert response.status_code == 409
    assert "just taken" in response.content.decode()
    assert booking.start == MONDAY_9


def test_freed_slot_is_bookable_again(client, booking, practitioner, treatment):
    client.post(
        reverse("bookings:cancel", args=[booking.reference]), {"token": booking.manage_token}
    )
    api = client.get(
        "/api/availability/",
        {"practitioner": practitioner.slug, "service": treatment.slug, "date": "2026-11-23"},
    )
    assert MONDAY_9.isoformat() in api.json()["slots"]


def test_sign_in_link_is_sent_only_to_known_emails_with_the_same_answer(
    client, booking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/my-bookings/", {"email": "Alex@example.org"})
        unknown = client.post("/my-bookings/", {"email": "stranger@example.org"})

    def text(r):
        return (
            r.content.decode().replace("alex@example.org", "X").replace("stranger@example.org", "X")
        )

    assert text(known) == text(unknown)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alex@example.org"]


def test_sign_in_link_lists_bookings_and_expires(client, booking, clock):
    token = signing.dumps({"email": "alex@example.org"}, salt=SIGN_IN_SALT)

    page = client.get(reverse("bookings:my_bookings", args=[token]))
    clock.shift(timedelta(minutes=31))
    expired = client.get(reverse("bookings:my_bookings", args=[token]))

    assert booking.manage_url in page.content.decode()
    assert expired.status_code == 400
    assert "expired" in expired.content.decode()


def test_a_token_signed_for_another_purpose_is_refused(client, booking):
    token = signing.dumps({"email": "alex@example.org"}, salt="something-else")
    assert client.get(reverse("bookings:my_bookings", args=[token])).status_code == 400


@override_settings(SIGNIN_LINK_RATE_LIMIT="2/h")
def test_sign_in_link_requests_are_rate_limited(client, booking):
    for _ in range(2):
        client.post("/my-bookings/", {"email": "alex@example.org"})
    response = client.post("/my-bookings/", {"email": "alex@example.org"})
    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()


def test_sign_in_form_with_a_bad_email_explains(client, booking):
    response = client.post("/my-bookings/", {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert len(mail.outbox) == 0


def test_choosing_a_new_time_asks_to_confirm_and_moves_nothing(client, booking):
    url = reverse("bookings:move", args=[booking.reference])
    new_start = MONDAY_9 + timedelta(days=1)

    page = client.get(url, {"token": booking.manage_token, "start": new_start.isoformat()})

    booking.refresh_from_db()
    body = page.content.decode()
    assert page.status_code == 200
    assert booking.start == MONDAY_9
    assert "Move your booking to Tuesday 24 November, 09:00?" in body
    assert "Monday 23 November, 09:00" in body
    assert "Confirm the move" in body
    assert f'name="start" value="{new_start.isoformat()}"' in body


def test_move_never_offers_the_current_time(client, booking):
    page = client.get(
        reverse("bookings:move", args=[booking.reference]),
        {"token": booking.manage_token, "date": "2026-11-23"},
    )

    starts = [o.start for o in page.context["offers"]]
    assert MONDAY_9 not in starts
    assert MONDAY_9 + timedelta(minutes=15) in starts


def test_confirming_a_time_no_longer_free_shows_fresh_times(
    client, booking, practitioner, treatment
):
    other = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(hours=3)
    )

    page = client.get(
        reverse("bookings:move", args=[booking.reference]),
        {"token": booking.manage_token, "start": other.start.isoformat()},
    )

    assert page.status_code == 409
    assert "Confirm the move" not in page.content.decode()
    assert "just taken" in page.content.decode()


def test_over_long_cancel_reason_shows_the_error_and_cancels_nothing(client, booking):
    response = client.post(
        reverse("bookings:cancel", args=[booking.reference]),
        {"token": booking.manage_token, "reason": "x" * 301},
    )

    booking.refresh_from_db()
    assert response.status_code == 400
    assert "Ensure this value has at most 300 characters" in response.content.decode()
    assert booking.status == Booking.Status.CONFIRMED
