"""The confirmation page and emails state the rule that really applies to this booking:
until when it can be changed online, or that it never can (a booking made less than
CANCELLATION_NOTICE_HOURS ahead)."""

import html
from datetime import timedelta

import pytest

from bookings.models import Booking, OutgoingEmail
from tests.bookings.conftest import MONDAY_9, NOW, details_post
from tests.factories import manage_link

pytestmark = pytest.mark.django_db

NEVER = "less than 24 hours away, so it cannot be moved or cancelled online"


def book(client, treatment, practitioner, start):
    response = client.post("/book/details/", details_post(treatment, practitioner, start))
    assert response.status_code == 302
    done = html.unescape(client.get(response["Location"]).content.decode())
    email = OutgoingEmail.objects.get(kind="confirmed", booking=Booking.objects.get())
    return done, email


def test_a_same_day_booking_says_it_cannot_be_changed_online(
    client, clock, practitioner, treatment
):
    done, email = book(client, treatment, practitioner, NOW + timedelta(hours=3))

    for text in (done, email.body_text, html.unescape(email.body_html)):
        assert NEVER in text
        assert "hours before" not in text
        assert "01632 960 123" in text


def test_a_later_booking_says_until_when_it_can_be_changed_online(
    client, clock, practitioner, treatment
):
    done, email = book(client, treatment, practitioner, MONDAY_9)

    for text in (done, email.body_text, html.unescape(email.body_html)):
        assert "You can move or cancel online until Sunday 22 November, 09:00." in text
        assert NEVER not in text


def test_the_manage_page_says_until_when(client, clock, practitioner, treatment):
    book(client, treatment, practitioner, MONDAY_9)
    booking = Booking.objects.get()

    page = html.unescape(client.get(manage_link(booking)).content.decode())

    assert "You can move or cancel online until Sunday 22 November, 09:00." in page
