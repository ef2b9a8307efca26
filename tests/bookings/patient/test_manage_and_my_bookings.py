import base64
import logging
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.models import AccessToken, Booking, OutgoingEmail
from tests.bookings.conftest import MONDAY_9, NOW
from tests.factories import BookingFactory, PatientFactory, manage_secret
from tests.mail import mail_delivered

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(practitioner, treatment, clock):
    return BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(email="alex@example.org", first_name="Alex"),
    )


@pytest.fixture
def secret(booking):
    return manage_secret(booking)


def test_manage_page_shows_the_booking(client, booking, secret):
    response = client.get(booking.manage_url(secret))
    assert response.status_code == 200
    assert booking.reference in response.content.decode()
    assert "Cancel booking" in response.content.decode()


@pytest.mark.parametrize("token", ["", "wrong", "x" * 43])
def test_wrong_token_is_404_like_an_unknown_reference(client, booking, secret, token):
    wrong = client.get(reverse("bookings:manage", args=[booking.reference]), {"token": token})
    unknown = client.get(reverse("bookings:manage", args=["NOSUCHREF"]), {"token": secret})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.content == unknown.content


def test_cancel_through_the_manage_link(client, booking, secret):
    with mail_delivered():
        response = client.post(
            reverse("bookings:cancel", args=[booking.reference]),
            {"token": secret, "reason": "Away"},
        )
    booking.refresh_from_db()
    assert response.status_code == 302
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancellation_reason == "Away"
    assert mail.outbox[0].subject == f"Your booking is cancelled: {booking.reference}"


def test_cancel_with_wrong_token_changes_nothing(client, booking, secret):
    response = client.post(reverse("bookings:cancel", args=[booking.reference]), {"token": "nope"})
    booking.refresh_from_db()
    assert response.status_code == 404
    assert booking.status == Booking.Status.CONFIRMED


def test_late_cancel_is_refused_and_says_to_call(client, practitioner, treatment, clock):
    soon = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW + timedelta(hours=6)
    )

    secret = manage_secret(soon)
    page = client.get(soon.manage_url(secret))
    client.post(reverse("bookings:cancel", args=[soon.reference]), {"token": secret})

    soon.refresh_from_db()
    assert (
        "cannot be moved or cancelled online. To change it, please call us" in page.content.decode()
    )
    assert "Cancel booking" not in page.content.decode()
    assert soon.status == Booking.Status.CONFIRMED


def test_move_shows_free_times_and_moves(client, booking, secret):
    url = reverse("bookings:move", args=[booking.reference])
    page = client.get(url, {"token": secret, "date": "2026-11-24"})
    new_start = page.context["offers"][0].start

    with mail_delivered():
        response = client.post(url, {"token": secret, "start": new_start.isoformat()})

    booking.refresh_from_db()
    assert response.status_code == 302
    assert booking.start == new_start == MONDAY_9 + timedelta(days=1)
    assert mail.outbox[0].subject == f"Your booking has moved: {booking.reference}"


def test_move_offers_the_bookings_own_neighbourhood(client, booking, secret):
    page = client.get(
        reverse("bookings:move", args=[booking.reference]),
        {"token": secret, "date": "2026-11-23"},
    )
    # 09:15 overlaps the booking's current time, which is freed by the move.
    assert MONDAY_9 + timedelta(minutes=15) in [o.start for o in page.context["offers"]]


def test_move_onto_a_taken_time_is_refused_with_fresh_times(
    client, booking, secret, practitioner, treatment
):
    other = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(hours=3)
    )

    response = client.post(
        reverse("bookings:move", args=[booking.reference]),
        {"token": secret, "start": other.start.isoformat()},
    )

    booking.refresh_from_db()
    assert response.status_code == 409
    assert "just taken" in response.content.decode()
    assert booking.start == MONDAY_9


def test_freed_slot_is_bookable_again(client, booking, secret, practitioner, treatment):
    client.post(reverse("bookings:cancel", args=[booking.reference]), {"token": secret})
    api = client.get(
        "/api/availability/",
        {"practitioner": practitioner.slug, "service": treatment.slug, "date": "2026-11-23"},
    )
    assert MONDAY_9.isoformat() in api.json()["slots"]


def sign_in_link(message) -> str:
    [link] = re.findall(
        r"http://127\.0\.0\.1:8000(/my-bookings/sign-in/\?token=[\w-]+)", message.body
    )
    return link


def ask_for_link(client, email):
    with mail_delivered():
        response = client.post("/my-bookings/", {"email": email})
    return response


def our_queries(captured) -> list[str]:
    """The statements the view ran on our tables (not the rate limiter's cache, not
    savepoints), each cut to its verb and table: what work was done, whatever the values."""
    return [
        re.sub(r"'[^']*'|\d+", "?", q["sql"])[:60]
        for q in captured.captured_queries
        if "clinic_cache" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def test_known_and_unknown_addresses_get_the_same_answer_after_the_same_work(client, booking):
    with CaptureQueriesContext(connection) as known_queries:
        known = client.post("/my-bookings/", {"email": "Alex@example.org"})
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = client.post("/my-bookings/", {"email": "stranger@example.org"})

    def text(r):
        return (
            r.content.decode().replace("alex@example.org", "X").replace("stranger@example.org", "X")
        )

    assert text(known) == text(unknown)
    assert our_queries(known_queries) == our_queries(unknown_queries)
    assert len(our_queries(known_queries)) == 3  # count the address's links, store, queue
    for address in ("alex@example.org", "stranger@example.org"):
        assert AccessToken.objects.filter(purpose="sign_in", email=address).count() == 1
        assert OutgoingEmail.objects.filter(kind="sign_in_link", to=address).count() == 1


def test_sign_in_link_is_opaque_works_once_and_lists_the_bookings(client, booking):
    ask_for_link(client, "alex@example.org")
    link = sign_in_link(mail.outbox[0])
    secret = link.split("token=")[1]

    looked = client.get(link)  # a mail scanner opening the link does not use it up
    signed_in = client.post(link.split("?")[0], {"token": secret}, follow=True)
    again = Client().post(link.split("?")[0], {"token": secret})

    assert "alex" not in link.lower()
    assert base64.urlsafe_b64encode(b"alex@example.org").decode()[:12] not in link
    assert looked.status_code == 200 and "Show my bookings" in looked.content.decode()
    assert signed_in.redirect_chain == [(reverse("bookings:my_bookings"), 302)]
    page = signed_in.content.decode()
    assert booking.reference in page
    assert reverse("bookings:manage", args=[booking.reference]) in page
    assert client.get(reverse("bookings:manage", args=[booking.reference])).status_code == 200
    assert again.status_code == 400 and "already been used" in again.content.decode()


def test_sign_in_link_expires_after_fifteen_minutes(client, booking, clock):
    ask_for_link(client, "alex@example.org")
    link = sign_in_link(mail.outbox[0])

    clock.shift(timedelta(minutes=16))
    response = client.post(link.split("?")[0], {"token": link.split("token=")[1]})

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert client.get(reverse("bookings:my_bookings")).status_code == 302


def test_signed_in_for_thirty_minutes_and_only_to_ones_own_bookings(
    client, booking, clock, practitioner, treatment
):
    someone_else = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(hours=3)
    )
    ask_for_link(client, "alex@example.org")
    link = sign_in_link(mail.outbox[0])
    client.post(link.split("?")[0], {"token": link.split("token=")[1]})

    other = client.get(reverse("bookings:manage", args=[someone_else.reference]))
    clock.shift(timedelta(minutes=31))
    later = client.get(reverse("bookings:my_bookings"))

    assert other.status_code == 404
    assert later.status_code == 302
    assert client.get(reverse("bookings:manage", args=[booking.reference])).status_code == 404


def test_neither_the_link_nor_the_address_reaches_the_logs(client, booking, caplog, clock):
    caplog.set_level(logging.DEBUG)
    ask_for_link(client, "alex@example.org")
    link = sign_in_link(mail.outbox[0])
    secret = link.split("token=")[1]
    client.get(link)
    client.post(link.split("?")[0], {"token": secret})
    client.post(link.split("?")[0], {"token": secret})  # used: a 400
    client.get(reverse("bookings:my_bookings"))

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert secret not in logged
    assert "alex@example.org" not in logged.lower()


def test_an_address_gets_at_most_three_links_an_hour(client, booking):
    for _ in range(5):
        response = ask_for_link(client, "alex@example.org")
        assert response.status_code == 200
    assert len(mail.outbox) == 3


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


def test_choosing_a_new_time_asks_to_confirm_and_moves_nothing(client, booking, secret):
    url = reverse("bookings:move", args=[booking.reference])
    new_start = MONDAY_9 + timedelta(days=1)

    page = client.get(url, {"token": secret, "start": new_start.isoformat()})

    booking.refresh_from_db()
    body = page.content.decode()
    assert page.status_code == 200
    assert booking.start == MONDAY_9
    assert "Move your booking to Tuesday 24 November, 09:00?" in body
    assert "Monday 23 November, 09:00" in body
    assert "Confirm the move" in body
    assert f'name="start" value="{new_start.isoformat()}"' in body


def test_move_never_offers_the_current_time(client, booking, secret):
    page = client.get(
        reverse("bookings:move", args=[booking.reference]),
        {"token": secret, "date": "2026-11-23"},
    )

    starts = [o.start for o in page.context["offers"]]
    assert MONDAY_9 not in starts
    assert MONDAY_9 + timedelta(minutes=15) in starts


def test_confirming_a_time_no_longer_free_shows_fresh_times(
    client, booking, secret, practitioner, treatment
):
    other = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(hours=3)
    )

    page = client.get(
        reverse("bookings:move", args=[booking.reference]),
        {"token": secret, "start": other.start.isoformat()},
    )

    assert page.status_code == 409
    assert "Confirm the move" not in page.content.decode()
    assert "just taken" in page.content.decode()


def test_over_long_cancel_reason_shows_the_error_and_cancels_nothing(client, booking, secret):
    response = client.post(
        reverse("bookings:cancel", args=[booking.reference]),
        {"token": secret, "reason": "x" * 301},
    )

    booking.refresh_from_db()
    assert response.status_code == 400
    assert "Ensure this value has at most 300 characters" in response.content.decode()
    assert booking.status == Booking.Status.CONFIRMED
