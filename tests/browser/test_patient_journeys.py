"""A new patient, on a phone and on a laptop, with and without JavaScript: reads about
sciatica, filters the directory, books the first free time with a practitioner who focuses
on it, opens the emailed link, moves the booking, then cancels it. And two people race
for one time."""

from datetime import timedelta

import pytest

from bookings.models import Booking
from clinic.clock import local_today
from practitioners.models import Practitioner
from tests.browser.conftest import shot
from tests.browser.journeys import booked_with, emailed_link, fill_details

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nav_to(page, name):
    """Follow a main menu link, opening the phone menu first where there is one."""
    menu = page.locator("summary", has_text="Menu")
    if menu.is_visible():
        menu.click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).filter(
        visible=True
    ).click()


def day_link(page, *, at_least_days_ahead):
    """The first day in the strip with free times, far enough ahead to change online."""
    earliest = (local_today() + timedelta(days=at_least_days_ahead)).isoformat()
    for link in page.locator(".day-strip a[data-date]").all():
        if link.get_attribute("data-date") >= earliest:
            return link
    raise AssertionError("no free day far enough ahead")


def read_and_filter(page, base, label):
    page.goto(base + "/")
    nav_to(page, "Back problems")
    page.get_by_role("link", name="Sciatica", exact=True).click()
    page.get_by_role("heading", level=1, name="Sciatica").wait_for()
    shot(page, f"{label}-1-sciatica")
    nav_to(page, "Practitioners")
    page.get_by_label("Particular interest").select_option(label="Sciatica")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**condition=sciatica**")
    shot(page, f"{label}-2-directory")
    return {n.strip() for n in page.locator("article h2 a").all_inner_texts()}


def book_first_available(page, label, *, javascript):
    nav_to(page, "Book a session")
    page.get_by_role("link", name="First consultation and treatment").click()
    page.get_by_label("Practitioners who focus on").select_option(label="Sciatica")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="First available").click()
    page.evaluate("window.samePage = true") if javascript else None
    day = day_link(page, at_least_days_ahead=3)
    date = day.get_attribute("data-date")
    day.click()
    page.locator(f'.day-strip a.selected[data-date="{date}"]').wait_for()
    page.wait_for_url(f"**date={date}**")
    if javascript:
        assert page.evaluate("window.samePage === true")  # fetched in place
    offered = {n.strip() for n in page.locator("#slot-grid button span").all_inner_texts()}
    shot(page, f"{label}-3-times")
    page.locator("#slot-grid button").first.click()
    return offered


def move_then_cancel(page, booking, base, label):
    page.goto(emailed_link(booking, base))
    page.get_by_role("link", name="Move to another time").click()
    day_link(page, at_least_days_ahead=4).click()
    page.locator(".slot-grid a").nth(1).click()
    page.get_by_role("button", name="Confirm the move").wait_for()
    shot(page, f"{label}-6-move-confirm")
    assert Booking.objects.get(pk=booking.pk).start == booking.start  # nothing moves yet
    page.get_by_role("button", name="Confirm the move").click()
    page.get_by_text("Your booking has moved").wait_for()
    moved = Booking.objects.get(pk=booking.pk)
    assert moved.start != booking.start
    page.get_by_label("Reason (optional)").fill("Feeling better")
    page.get_by_role("button", name="Cancel booking").click()
    page.get_by_text("Your booking is cancelled").wait_for()
    shot(page, f"{label}-7-cancelled")
    return Booking.objects.get(pk=booking.pk)


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_new_patient_books_for_sciatica_moves_and_cancels(
    live_server, demo_clinic, open_page, width, javascript
):
    page = open_page(width, javascript=javascript)
    label = f"patient-{'js' if javascript else 'nojs'}"
    specialists = {
        p.name for p in Practitioner.objects.listed().filter(specialties__slug="sciatica")
    }

    listed = read_and_filter(page, live_server.url, label)
    offered = book_first_available(page, label, javascript=javascript)
    shot(page, f"{label}-4-details")
    fill_details(page, caution="pregnant")
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_text("You're booked in").wait_for()
    shot(page, f"{label}-5-done")
    booking = booked_with("alex@example.org")
    cancelled = move_then_cancel(page, booking, live_server.url, label)

    assert listed == specialists
    assert offered and offered <= specialists
    assert booking.practitioner.name in specialists
    assert booking.needs_attention
    assert cancelled.status == Booking.Status.CANCELLED
    assert page.js_errors == []


def test_two_people_race_for_one_time(live_server, demo_clinic, open_page):
    """Two people choose the same time at once. Choosing holds it, so exactly one reaches
    the details form and books; the other is told at once and shown the times still free."""
    phone, laptop = open_page("phone"), open_page("desktop")
    time_page = (
        f"{live_server.url}/book/time/?treatment=initial-consultation&practitioner=hannah-okafor"
        f"&date={(local_today() + timedelta(days=3)).isoformat()}"
    )
    for page in (phone, laptop):
        assert page.goto(time_page).ok
    phone.locator("#slot-grid button").first.click(no_wait_after=True)
    laptop.locator("#slot-grid button").first.click(no_wait_after=True)
    for page in (phone, laptop):
        page.locator("h1").filter(has_text="Your details").or_(
            page.locator("h1").filter(has_text="no longer free")
        ).wait_for()

    outcomes = sorted(
        "won" if "Your details" in p.locator("h1").first.inner_text() else "lost"
        for p in (phone, laptop)
    )
    assert outcomes == ["lost", "won"]
    winner, loser = (phone, laptop) if "Your details" in phone.content() else (laptop, phone)
    shot(loser, "race-loser")
    assert loser.locator("#slot-grid button").count() > 0  # fresh times offered

    fill_details(winner, email="first@example.org")
    winner.get_by_role("button", name="Confirm booking").click()
    winner.locator("h1").filter(has_text="booked in").wait_for()
    assert Booking.objects.filter(given_email="first@example.org").count() == 1
