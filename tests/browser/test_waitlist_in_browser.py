"""A patient joins the waiting list on a phone, a cancellation elsewhere frees a time that
suits them, the worker emails them an offer, and they book it from the link."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bookings import outbox, services
from bookings.models import Booking, OutgoingEmail, WaitlistOffer
from clinic.clock import clinic_tz, local_today
from practitioners.models import Practitioner
from tests.browser.conftest import shot
from tests.browser.test_booking_in_browser import clinic, fill_details  # noqa: F401 (fixture)
from tests.factories import BookingFactory, PatientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def full_morning(clinic):  # noqa: F811
    """Hannah's morning three days ahead booked solid, 8:00 to 12:00."""
    day = local_today() + timedelta(days=3)
    hannah = Practitioner.objects.get(slug="hannah")
    patient = PatientFactory()
    bookings = [
        BookingFactory(
            practitioner=hannah,
            treatment=clinic,
            patient=patient,
            start=datetime.combine(day, time(hour), tzinfo=clinic_tz()),
        )
        for hour in (8, 9, 10, 11)
    ]
    return day, bookings


def test_join_the_list_get_an_offer_by_email_and_book_it(live_server, phone, full_morning):
    day, bookings = full_morning
    phone.goto(live_server.url + "/book/")
    phone.get_by_role("link", name="Follow-up treatment").click()
    phone.get_by_role("link", name="Hannah Okafor").click()
    phone.get_by_role("link", name="Join the waiting list").click()

    phone.get_by_label("First name").fill("Ada")
    phone.get_by_label("Last name").fill("Waiting")
    phone.get_by_label("Email").fill("ada@example.org")
    phone.get_by_label(f"{day:%A} morning").check()
    phone.get_by_label("Until when?").fill(day.isoformat())
    phone.get_by_label("I agree to the clinic keeping").check()
    shot(phone, "waitlist-join-phone")
    phone.get_by_role("button", name="Join the waiting list").click()
    phone.get_by_text("You are on the waiting list").wait_for()
    shot(phone, "waitlist-joined-phone")

    # Elsewhere, another patient's 9:00 is cancelled; the worker's next pass offers it.
    services.cancel(booking=bookings[1], by_staff=True)
    call_command("waitlist", "--once")
    offer_email = OutgoingEmail.objects.get(kind="waitlist_offer")
    assert offer_email.to == "ada@example.org"
    outbox.send_pending()  # what the mail worker does
    sent = next(
        m for m in mail.outbox if m.to == ["ada@example.org"] and "A time for you" in m.subject
    )
    link = re.search(r"(/offer/\w+/\?token=[\w-]+)", sent.body).group(1)

    phone.goto(live_server.url + link)
    phone.get_by_role("heading", name="A time for you").wait_for()
    shot(phone, "waitlist-offer-phone")
    phone.get_by_role("link", name="Book this time").click()
    phone.get_by_text("Held for you until").wait_for()
    fill_details(phone, email="ada@example.org")
    phone.get_by_role("button", name="Confirm booking").click()
    phone.get_by_text("You're booked in").wait_for()
    shot(phone, "waitlist-booked-phone")

    booking = Booking.objects.active().get(patient__email="ada@example.org")
    assert timezone.localtime(booking.start, clinic_tz()).time() == time(9)
    assert booking.reference in phone.content()
    assert WaitlistOffer.objects.get().status == WaitlistOffer.Status.ACCEPTED
    assert phone.js_errors == []
