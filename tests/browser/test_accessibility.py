"""axe-core over every page people use, at a phone's width and a desktop's: the public
pages, each booking step and outcome, manage/move/cancel, my bookings, sign-in, every
schedule view and the clinic's own admin pages. No serious or critical violation; every
finding, of any impact, is printed (run with -s to read them)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bookings.management.commands.seed_demo import DEMO_USERS, PRACTITIONER_PASSWORD
from bookings.models import Booking, OutgoingEmail
from clinic.models import Condition, InfoPage
from practitioners.models import Practitioner
from tests.browser.conftest import axe_findings, shot
from tests.browser.journeys import fill_details
from tests.factories import BookingFactory, PatientFactory, manage_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PATIENT = "amira.haddad@patients.example.org"  # has a record: gets a sign-in link


def public_paths() -> list[str]:
    return [
        "/",
        "/treatment/",
        *[f"/treatment/{p.slug}/" for p in InfoPage.objects.published()],
        "/conditions/",
        *[f"/conditions/{c.slug}/" for c in Condition.objects.published()],
        "/faq/",
        "/contact/",
        "/privacy/",
        "/practitioners/",
        "/practitioners/?condition=sciatica&language=english",
        *[p.get_absolute_url() for p in Practitioner.objects.listed()],
        "/no-such-page/",
        "/accounts/login/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/logout/",
        "/my-bookings/",
        "/my-bookings/not-a-valid-link/",
    ]


def check_booking_flow(page, base, check) -> None:
    """Every step and outcome of booking, as a patient meets them."""
    check("/book/?condition=sciatica", "treatment")
    check("/book/practitioner/?treatment=initial-consultation&condition=sciatica", "practitioner")
    check("/book/time/?treatment=initial-consultation&practitioner=any&condition=sciatica", "time")
    check("/book/time/?treatment=nothing", "start again")
    taken = Booking.objects.active().filter(start__gt=timezone.now() + timedelta(hours=3)).first()
    check(
        f"/book/details/?treatment={taken.treatment.slug}&practitioner={taken.practitioner.slug}"
        f"&start={taken.start.isoformat().replace('+', '%2B')}",
        "taken",
    )
    page.goto(base + "/book/time/?treatment=initial-consultation&practitioner=hannah-okafor")
    page.locator("#slot-grid button").first.click()
    details_url = page.url
    check(None, "details")
    page.get_by_role("button", name="Confirm booking").click()
    check(None, "details with errors")
    assert page.locator(".invalid-feedback.d-block", has_text="Please answer").first.is_visible()
    shot(page, "details-errors")
    fill_details(page, warning_sign=True)
    page.get_by_role("button", name="Confirm booking").click()
    check(None, "stop")
    page.goto(details_url)
    fill_details(page, email="axe@example.org")
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_text("You're booked in").wait_for()
    check(None, "done")


def check_manage_pages(page, base, check) -> None:
    booking = Booking.objects.get(given_email="axe@example.org")
    check(manage_link(booking), "manage")
    page.get_by_role("link", name="Move to another time").click()
    check(None, "move")
    page.locator(".slot-grid a").first.click()
    check(None, "move confirm")
    page.goto(base + manage_link(booking))
    # A crafted reason past the field's maxlength, as a hand-made POST would send.
    page.evaluate("document.querySelector('#id_reason').removeAttribute('maxlength')")
    page.get_by_label("Reason (optional)").fill("x" * 301)
    page.get_by_role("button", name="Cancel booking").click()
    check(None, "cancel with error")
    page.get_by_label("Reason (optional)").fill("")
    page.get_by_role("button", name="Cancel booking").click()
    page.get_by_text("Your booking is cancelled").wait_for()
    check(None, "cancelled")
    soon = BookingFactory(
        practitioner=booking.practitioner,
        treatment=booking.treatment,
        start=timezone.now() + timedelta(hours=5),
        patient=PatientFactory(email="soon@example.org"),
    )
    check(manage_link(soon), "manage, too late to change")
    page.goto(base + "/my-bookings/")
    page.get_by_label("Your email address").fill(DEMO_PATIENT)
    page.locator("main form [type=submit]").click()
    check(None, "my bookings link sent")
    body = OutgoingEmail.objects.filter(kind="sign_in_link").latest("pk").body_text
    link = body[body.index("/my-bookings/sign-in/") :].split()[0]
    check(link, "my bookings sign-in")
    page.get_by_role("button", name="Show my bookings").click()
    page.get_by_role("heading", name="Your bookings").wait_for()
    check(None, "my bookings")


def check_schedule(page, base, check) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "hannah")
    page.fill("#id_password", PRACTITIONER_PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/schedule/")
    check(None, "schedule day")
    check("/schedule/?view=week", "schedule week")
    check("/schedule/?view=agenda", "schedule agenda")
    own = Booking.objects.filter(practitioner__slug="hannah-okafor").first()
    check(f"/schedule/booking/{own.reference}/", "schedule booking")
    check("/schedule/time-off/", "time off")
    upcoming = (
        Booking.objects.active()
        .filter(practitioner__slug="hannah-okafor", start__gt=timezone.now())
        .first()
    )
    page.get_by_label("First day").fill(timezone.localtime(upcoming.start).date().isoformat())
    page.get_by_label("Last day").fill(timezone.localtime(upcoming.start).date().isoformat())
    page.get_by_role("button", name="Add time off").click()
    check(None, "time off clash warning")
    check("/schedule/calendar/", "phone calendar")
    check("/accounts/logout/", "sign out page")


def check_admin(page, base, check) -> None:
    username, password, _ = DEMO_USERS["reception"]
    page.goto(base + "/admin/login/")
    check(None, "admin login")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("#login-form [type=submit]").click()
    page.get_by_text("Today at the clinic").wait_for()
    check(None, "admin index")
    check("/admin/bookings/booking/day/", "day sheet")
    check("/admin/bookings/booking/week/", "week")
    check("/admin/bookings/booking/", "booking list")
    page.goto(base + "/admin/bookings/booking/add/")
    page.locator('.select2-selection[aria-labelledby^="id_practitioner_label"]').wait_for()
    check(None, "booking add")
    booking = Booking.objects.filter(source=Booking.Source.ONLINE).first()
    check(f"/admin/bookings/booking/{booking.pk}/change/", "booking change")
    check(f"/admin/bookings/booking/{booking.pk}/history/", "booking history")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_no_serious_accessibility_violation_anywhere(live_server, demo_clinic, open_page, width):
    base = live_server.url
    found: list[str] = []

    def checker(page):
        def check(path, label):
            if path is not None:
                page.goto(base + path)
            found.extend(axe_findings(page, label))

        return check

    patient = open_page(width)
    for path in public_paths():
        checker(patient)(path, path)
    check_booking_flow(patient, base, checker(patient))
    check_manage_pages(patient, base, checker(patient))
    practitioner = open_page(width)
    check_schedule(practitioner, base, checker(practitioner))
    staff = open_page(width)
    check_admin(staff, base, checker(staff))

    assert found == [], "\n".join(found)
