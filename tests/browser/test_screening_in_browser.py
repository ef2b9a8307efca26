"""A patient on a phone (390 px wide) meets the health questions: a sign that needs 999
comes first on the page; "not sure" gives the clinic's number to call."""

import pytest
from django.conf import settings

from bookings.models import Booking, ScreeningStop
from tests.browser.conftest import shot
from tests.browser.test_booking_in_browser import book_through_pages, clinic, fill_details

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["clinic"]  # the fixture, shared with the booking journey


def answer(page, question_text, choice):
    """Tick an answer to the question a patient reads, as they would."""
    group = page.locator(".mb-3", has=page.get_by_text(question_text, exact=False)).last
    group.get_by_label(choice, exact=True).check()


def first_heading(page) -> str:
    return page.locator("main h1").first.inner_text()


def test_cannot_pass_urine_puts_999_first(live_server, phone, clinic):
    book_through_pages(phone, live_server.url)
    fill_details(phone)
    answer(phone, "pass urine", "Yes")
    phone.get_by_role("button", name="Confirm booking").click()

    heading = phone.locator("main h1").first
    heading.wait_for()
    shot(phone, "screening-999-phone")
    assert first_heading(phone) == "Call 999 or go to A&E now"
    assert heading.bounding_box()["y"] < 844  # on the first screen, before anything else
    call = phone.get_by_role("link", name="Call 999")
    assert call.is_visible() and call.get_attribute("href") == "tel:999"
    assert not Booking.objects.exists()
    assert ScreeningStop.objects.get().outcome == "emergency"
    assert phone.js_errors == []


def test_not_sure_gives_the_clinics_number(live_server, phone, clinic):
    book_through_pages(phone, live_server.url)
    fill_details(phone)
    answer(phone, "pass urine", "Not sure")
    phone.get_by_role("button", name="Confirm booking").click()

    phone.locator("main h1").first.wait_for()
    shot(phone, "screening-call-us-phone")
    assert first_heading(phone) == "Call us before you book"
    call = phone.get_by_role("link", name=f"Call us on {settings.CLINIC_PHONE}")
    assert call.is_visible()
    assert call.get_attribute("href") == "tel:" + settings.CLINIC_PHONE.replace(" ", "")
    assert ScreeningStop.objects.get().outcome == "call_clinic"
