"""A patient's records in Chromium, at phone width and without JavaScript: someone books with
their address and they add it to their record by the emailed link; they sign in to "my
bookings" by a one-time link, download their data and ask for erasure."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from bookings import emails, outbox
from bookings.models import Booking, ErasureRequest
from tests.browser.conftest import shot
from tests.factories import BookingFactory, PatientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def alex():
    patient = PatientFactory(first_name="Alex", last_name="Rivera", email="alex@example.org")
    BookingFactory(patient=patient, start=timezone.now() + timedelta(days=3))
    return patient


def link_in(message, path) -> str:
    return re.search(rf"http://[^/\s]+({path}\S+)", message.body).group(1)


def test_the_owner_adds_a_booking_made_with_their_address(live_server, phone_without_js, alex):
    booking = BookingFactory(
        patient=None,
        given_first_name="Alex",
        given_last_name="Rivera",
        given_email="alex@example.org",
        given_date_of_birth=alex.date_of_birth,
        start=timezone.now() + timedelta(days=5),
    )
    emails.booking_confirmed(booking)  # outside a transaction: sent at once
    page = phone_without_js

    outbox.send_pending()  # what the mail worker does
    page.goto(live_server.url + link_in(mail.outbox[0], r"/booking/\w+/confirm/"))
    page.get_by_text("Not you?").wait_for()
    shot(page, "records-confirm")
    page.get_by_role("button", name="Yes, this is me").click()
    page.get_by_role("heading", name="Added to your record").wait_for()

    booking.refresh_from_db()
    assert booking.patient == alex


def test_sign_in_download_and_ask_for_erasure(live_server, browser, phone_without_js, alex):
    page = phone_without_js
    page.goto(live_server.url + "/my-bookings/")
    page.get_by_label("Your email address").fill("alex@example.org")
    page.get_by_role("button", name="Email me a link").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    outbox.send_pending()  # what the mail worker does
    page.goto(live_server.url + link_in(mail.outbox[-1], "/my-bookings/sign-in/"))
    page.get_by_role("button", name="Show my bookings").click()
    page.get_by_role("heading", name="Your bookings").wait_for()
    shot(page, "records-my-bookings")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text())
    page.get_by_role("link", name="Ask us to erase my data").click()
    shot(page, "records-erasure")
    page.get_by_role("button", name="Ask to erase my data").click()
    page.get_by_role("heading", name="We have your request").wait_for()

    assert data["patient_record"]["last_name"] == "Rivera"
    assert [b["reference"] for b in data["bookings"]] == [Booking.objects.get().reference]
    assert ErasureRequest.objects.get().email == "alex@example.org"

    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.context.add_cookies(page.context.cookies())
    wide.goto(live_server.url + "/my-bookings/yours/")
    shot(wide, "records-my-bookings-wide")
    wide.close()
