"""The booking pages in Chromium at phone width: helpers the screening tests share, and
form errors. The whole book, move and cancel journeys are in test_patient_journeys."""

from datetime import time

import pytest

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


def test_form_errors_are_shown_next_to_fields(live_server, phone, clinic):
    book_through_pages(phone, live_server.url)
    phone.get_by_label("Email").fill("not an email")
    phone.get_by_role("button", name="Confirm booking").click()
    phone.get_by_text("Please check the answers marked below").wait_for()
    shot(phone, "details-errors-phone")
    assert phone.get_by_text("Enter a valid email address.").is_visible()
    assert Booking.objects.count() == 0
