"""A patient books, moves and cancels through the real pages in Chromium at phone width."""

from datetime import time

import pytest
from django.core import mail

from bookings import outbox
from bookings.models import Booking
from tests.browser.conftest import shot
from tests.factories import PractitionerFactory, TreatmentFactory, WorkingHoursFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clinic():
    treatment = TreatmentFactory(
        slug="follow-up", name="Follow-up treatment", duration_minutes=45, buffer_minutes=15
    )
    for slug, name in [("hannah", "Hannah Okafor"), ("tomasz", "Tomasz Wrobel")]:
        p = PractitionerFactory(slug=slug, name=name)
        for weekday in range(7):
            WorkingHoursFactory(practitioner=p, weekday=weekday, start=time(8), end=time(18))
        treatment.practitioners.add(p)
    return treatment


def fill_details(page, email="alex@example.org", caution=None):
    page.get_by_label("First name").fill("Alex")
    page.get_by_label("Last name").fill("Patient")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mobile or phone number").fill("07700 900123")
    page.get_by_label("Date of birth").fill("1980-05-17")
    for radio in page.locator("input[type=radio][value=no]").all():
        radio.check()
    if caution:
        page.locator(f"input[name=q_{caution}][value=yes]").check()
    page.get_by_label("I have read the risks").check()
    page.get_by_label("I agree to the clinic keeping").check()


def book_through_pages(page, base, *, day_index=None):
    page.goto(base + "/book/")
    page.get_by_role("link", name="Follow-up treatment").click()
    page.get_by_role("link", name="Hannah Okafor").click()
    assert page.get_by_role("heading", name="Choose a time").is_visible()
    page.evaluate("window.samePage = true")
    if day_index is not None:
        page.locator("#slot-panel[data-enhanced]").wait_for(state="attached")
        day = page.locator(".day-strip a[data-date]").nth(day_index)
        date = day.get_attribute("data-date")
        day.click()
        # Wait for the fetched times: the chosen day is marked and the URL remembers it.
        page.locator(f'.day-strip a.selected[data-date="{date}"]').wait_for()
        page.wait_for_url(f"**date={date}")
    changed_in_place = page.evaluate("window.samePage === true")
    page.locator("#slot-grid button").first.click()
    return changed_in_place


def test_book_move_cancel_with_javascript(live_server, phone, clinic):
    # Three days ahead: far enough to be moved and cancelled online.
    changed_in_place = book_through_pages(phone, live_server.url, day_index=3)
    shot(phone, "details-phone-js")
    fill_details(phone, caution="pregnant")
    phone.get_by_role("button", name="Confirm booking").click()

    phone.get_by_text("You're booked in").wait_for()
    shot(phone, "done-phone-js")
    booking = Booking.objects.get()
    assert booking.reference in phone.content()
    assert booking.needs_attention
    assert phone.js_errors == []
    assert changed_in_place  # JavaScript changed the day without a page load

    # Move, from the manage link in the email the mail worker sends.
    outbox.send_pending()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/booking/" in line).strip()
    phone.goto(live_server.url + link[link.index("/booking/") :])
    phone.get_by_role("link", name="Move to another time").click()
    phone.locator(".slot-grid button").nth(2).click()
    phone.get_by_text("Your booking has moved").wait_for()
    moved = Booking.objects.get()
    assert moved.start != booking.start

    # Cancel.
    phone.get_by_label("Reason (optional)").fill("Feeling better")
    phone.get_by_role("button", name="Cancel booking").click()
    phone.get_by_text("Your booking is cancelled").wait_for()
    shot(phone, "cancelled-phone-js")
    assert Booking.objects.get().status == Booking.Status.CANCELLED


def test_book_move_cancel_without_javascript(live_server, phone_without_js, clinic):
    page = phone_without_js
    page.goto(live_server.url + "/book/time/?treatment=follow-up&practitioner=any")
    page.locator(".day-strip a[data-date]").nth(3).click()  # a full page load without JS
    assert "date=" in page.url
    page.locator("#slot-grid button").first.click()
    fill_details(page)
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_text("You're booked in").wait_for()
    shot(page, "done-phone-nojs")
    booking = Booking.objects.get()

    page.get_by_role("link", name="Move or cancel").click()
    page.get_by_role("link", name="Move to another time").click()
    page.locator(".slot-grid button").nth(4).click()
    page.get_by_text("Your booking has moved").wait_for()
    assert Booking.objects.get().start != booking.start

    page.get_by_role("button", name="Cancel booking").click()
    page.get_by_text("Your booking is cancelled").wait_for()
    assert Booking.objects.get().status == Booking.Status.CANCELLED


def test_form_errors_are_shown_next_to_fields(live_server, phone, clinic):
    book_through_pages(phone, live_server.url)
    phone.get_by_label("Email").fill("not an email")
    phone.get_by_role("button", name="Confirm booking").click()
    phone.get_by_text("Please check the answers marked below").wait_for()
    shot(phone, "details-errors-phone")
    assert phone.get_by_text("Enter a valid email address.").is_visible()
    assert Booking.objects.count() == 0
