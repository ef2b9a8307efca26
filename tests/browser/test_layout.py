"""Pages fit the screens they are used on: the admin week shows all seven days on a laptop,
the admin's lists fit a phone, the day sheet prints across the page, and the phone menu
opens without JavaScript."""

import pytest

from bookings.management.commands.seed_demo import DEMO_USERS
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def admin_sign_in(page, base):
    username, password, _ = DEMO_USERS["reception"]
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("#login-form [type=submit]").click()
    page.get_by_text("Today at the clinic").wait_for()


@pytest.mark.parametrize("width", [1280, 1024])
def test_admin_week_shows_all_seven_days(live_server, demo_clinic, open_page, width):
    page = open_page("desktop")
    page.set_viewport_size({"width": width, "height": 800})
    admin_sign_in(page, live_server.url)

    page.goto(live_server.url + "/admin/bookings/booking/week/?practitioner=imran-siddiqui")

    grid = page.locator(".week-grid").bounding_box()
    days = [d.bounding_box() for d in page.locator(".day-sheet-day").all()]
    assert len(days) == 7
    assert all(
        d["x"] >= grid["x"] - 1 and d["x"] + d["width"] <= grid["x"] + grid["width"] + 1
        for d in days
    )
    assert days[-1]["x"] + days[-1]["width"] <= width
    assert page.evaluate(SIDEWAYS) == 0
    shot(page, f"admin-week-{width}")


def test_admin_dashboard_and_booking_list_fit_a_phone(live_server, demo_clinic, open_page):
    page = open_page("phone")
    admin_sign_in(page, live_server.url)

    dashboard_overflow = page.evaluate(SIDEWAYS)
    shot(page, "admin-dashboard")
    page.goto(live_server.url + "/admin/bookings/booking/")
    list_overflow = page.evaluate(SIDEWAYS)
    shot(page, "admin-booking-list")

    assert dashboard_overflow == 0
    assert list_overflow == 0


def test_printed_day_sheet_uses_the_width_of_the_page(live_server, demo_clinic, open_page):
    page = open_page("desktop")
    admin_sign_in(page, live_server.url)
    page.goto(live_server.url + "/admin/bookings/booking/day/")

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    sheet = page.locator(".day-sheet").bounding_box()

    assert sheet["width"] >= 0.9 * 794
    page.pdf(path=str(shot.__globals__["SHOTS"] / "admin-day-sheet-print.pdf"))


def test_phone_menu_opens_without_javascript(live_server, open_page):
    page = open_page("phone", javascript=False)
    page.goto(live_server.url + "/")

    practitioners = page.get_by_role("link", name="Practitioners", exact=True)
    assert not practitioners.is_visible()
    page.locator("summary", has_text="Menu").click()

    assert practitioners.is_visible()
    shot(page, "phone-menu-nojs")
    practitioners.click()
    page.wait_for_url("**/practitioners/")
