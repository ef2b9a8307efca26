"""The people who run the clinic, in the browser at phone and desktop width: a receptionist
books a caller into a free gap on the day sheet, marks an earlier patient attended and
exports the list; a practitioner adds time off and patients stop being offered it."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from bookings.management.commands.seed_demo import DEMO_USERS, PRACTITIONER_PASSWORD
from bookings.models import Booking
from clinic.clock import clinic_tz, local_date, local_today
from practitioners.models import Practitioner, TimeOff
from tests.browser.conftest import shot
from tests.factories import BookingFactory, PatientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def admin_sign_in(page, base, role):
    username, password, _ = DEMO_USERS[role]
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("#login-form [type=submit]").click()
    page.get_by_text("Today at the clinic").wait_for()


def next_weekday(days_ahead=2):
    day = local_today() + timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def longest_gap(column):
    """The free gap with the most time ("10:30–17:00 free · book"), long enough for a session
    and its buffer."""

    def minutes(link):
        start, end = link.inner_text()[:11].split("–")
        return int(end[:2]) * 60 + int(end[3:]) - int(start[:2]) * 60 - int(start[3:])

    return max(column.locator(".sheet-gap a").all(), key=minutes)


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_reception_books_a_caller_from_a_free_gap_marks_attendance_and_exports(
    live_server, demo_clinic, open_page, width
):
    base = live_server.url
    caller = PatientFactory(first_name="Ada", last_name="Lovelace")
    hannah = Practitioner.objects.get(slug="hannah-okafor")
    earlier = BookingFactory(
        practitioner=hannah,
        treatment=hannah.treatments.get(slug="follow-up"),
        # Yesterday before opening: clear of the demo diary (PostgreSQL refuses overlaps).
        start=datetime.combine(local_today() - timedelta(days=1), time(6), tzinfo=clinic_tz()),
    )
    day = next_weekday()
    page = open_page(width)
    admin_sign_in(page, base, "reception")

    page.goto(f"{base}/admin/bookings/booking/day/?date={day.isoformat()}")
    column = page.locator("section", has=page.get_by_role("heading", name="Hannah Okafor"))
    gap = longest_gap(column)
    gap_text = gap.inner_text()
    shot(page, "reception-1-day-sheet")
    gap.click()
    page.locator('.select2-selection[aria-labelledby^="id_patient_label"]').click()
    page.fill(".select2-container--open .select2-search__field", "Lovelace")
    page.locator(".select2-results__option", has_text="Ada Lovelace").click()
    page.select_option("#id_treatment", label="Follow-up treatment")
    shot(page, "reception-2-add-form")
    page.click("input[name=_save]")
    page.get_by_text("was added successfully").wait_for()
    booked = Booking.objects.get(patient=caller)

    page.goto(base + "/admin/bookings/booking/?when=past&status__exact=confirmed")
    page.check(f"input[name=_selected_action][value='{earlier.pk}']")
    page.select_option("select[name=action]", "mark_attended")
    page.click("button[name=index]")
    page.get_by_text("1 booking(s) marked attended").wait_for()

    page.goto(f"{base}/admin/bookings/booking/?practitioner__id__exact={hannah.pk}")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "export_csv")
    with page.expect_download() as download:
        page.click("button[name=index]")
    exported = download.value.path().read_bytes()
    shot(page, "reception-3-list")

    assert booked.practitioner == hannah
    assert booked.created_by.username == "reception"
    assert timezone.localtime(booked.start).strftime("%H:%M") == gap_text[:5]
    assert local_date(booked.start) == day
    earlier.refresh_from_db()
    assert earlier.status == Booking.Status.ATTENDED
    assert exported.startswith("\ufeff".encode())
    assert booked.reference in exported.decode("utf-8-sig")
    assert page.js_errors == []


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_practitioner_adds_time_off_and_patients_are_no_longer_offered_it(
    live_server, demo_clinic, open_page, width
):
    base = live_server.url
    day = next_weekday(days_ahead=5)
    times = f"{base}/book/time/?treatment=follow-up&practitioner=hannah-okafor&date={day}"
    patient = open_page(width)
    patient.goto(times)
    assert patient.locator("#slot-grid button").count() > 0

    page = open_page(width)
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill("hannah")
    page.get_by_label("Password").fill(PRACTITIONER_PASSWORD)
    page.locator("main form [type=submit]").click()
    page.get_by_role("link", name="Time off").click()
    page.get_by_label("First day").fill(day.isoformat())
    page.get_by_label("Last day").fill(day.isoformat())
    page.get_by_label("Reason").select_option(label="Training")
    page.get_by_role("button", name="Add time off").click()
    if page.get_by_role("button", name="Add time off anyway").is_visible():
        shot(page, "practitioner-1-clash-warning")
        page.get_by_role("button", name="Add time off anyway").click()
    page.get_by_text("Time off added").wait_for()
    shot(page, "practitioner-2-time-off")

    patient.goto(times)
    shot(patient, "practitioner-3-patient-sees-not-working")
    strip = patient.locator(".day-strip li", has_text=day.strftime("%-d %b"))
    assert TimeOff.objects.filter(practitioner__slug="hannah-okafor").count() == 1
    assert "Not working" in strip.inner_text()
    assert patient.locator(f'.day-strip a[data-date="{day.isoformat()}"]').count() == 0
    api = patient.request.get(
        f"{base}/api/availability/?practitioner=hannah-okafor&service=follow-up&date={day}"
    )
    assert api.json()["slots"] == []


def test_reception_sees_a_time_a_patient_is_holding_as_held(live_server, demo_clinic, open_page):
    """A patient filling in the form holds their time: the day sheet says so, rather than
    offering it to reception as free."""
    base, day = live_server.url, next_weekday()
    patient = open_page("phone")
    patient.goto(
        f"{base}/book/time/?treatment=follow-up&practitioner=hannah-okafor&date={day.isoformat()}"
    )
    choice = patient.locator("#slot-grid button").first
    held_from = choice.inner_text().strip()[:5]
    choice.click()
    patient.wait_for_url("**/book/details/**")

    reception = open_page("desktop")
    admin_sign_in(reception, base, "reception")
    reception.goto(f"{base}/admin/bookings/booking/day/?date={day.isoformat()}")
    column = reception.locator(
        "section", has=reception.get_by_role("heading", name="Hannah Okafor")
    )
    held = column.locator(".sheet-held")
    assert held.inner_text().startswith(f"{held_from}–")
    assert "held online until" in held.inner_text()
    assert not column.locator(".sheet-gap", has_text=f"{held_from}–").count()
    held.scroll_into_view_if_needed()
    shot(reception, "reception-held-time-on-day-sheet")
