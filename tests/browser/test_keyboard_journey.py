"""The whole booking with the keyboard alone (Tab, arrows, Space, Enter, typing), at both
widths: every stop on the way has a visible focus ring."""

from datetime import timedelta

import pytest

from bookings.models import Booking
from clinic.clock import local_today
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What has focus, and whether a focus ring shows (the site's outline, or the browser's).
FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    id: e.id || "",
    name: e.getAttribute("name") || "",
    text: (e.innerText || e.value || "").trim(),
    date: e.dataset ? (e.dataset.date || "") : "",
    // A date box moves focus between its parts on Tab; between two parts it is briefly
    // the active element without :focus, which is no stop of its own.
    ring: !e.matches(":focus") || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0),
  };
}"""


class Keyboard:
    def __init__(self, page):
        self.page, self.presses, self.without_ring = page, 0, []

    def press(self, key):
        self.page.keyboard.press(key)
        self.presses += 1

    def tab_to(self, **wanted):
        """Press Tab until the focused element has every wanted property (id, text...)."""
        for _ in range(80):
            self.press("Tab")
            now = self.page.evaluate(FOCUSED)
            if not now["ring"]:
                self.without_ring.append(now)
            if all(
                now[key] == value if key != "text" else value in now["text"]
                for key, value in wanted.items()
            ):
                return now
        raise AssertionError(f"Tab never reached {wanted}")

    def type(self, text):
        self.page.keyboard.type(text)
        self.presses += len(text)


def fill_details_by_keyboard(keys: Keyboard):
    for field, text in [
        ("id_first_name", "Kay"),
        ("id_last_name", "Board"),
        ("id_email", "kay@example.org"),
        ("id_phone", "07700 900124"),
        ("id_date_of_birth", "05171980"),  # month, day, year as the date box asks
    ]:
        keys.tab_to(id=field)
        keys.type(text)
    radios = keys.page.locator("input[type=radio][value=yes]").all()
    for radio in radios:
        keys.tab_to(id=radio.get_attribute("id"))
        keys.press("ArrowRight")  # to "No", which selects it
    for checkbox in ("id_consent", "id_privacy"):
        keys.tab_to(id=checkbox)
        keys.press("Space")
    keys.tab_to(text="Confirm booking")
    keys.press("Enter")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_booking_with_the_keyboard_alone(live_server, demo_clinic, open_page, width):
    page = open_page(width)
    keys = Keyboard(page)
    day = (local_today() + timedelta(days=3)).isoformat()
    page.goto(live_server.url + "/book/")

    keys.tab_to(text="First consultation and treatment")  # for new patients
    keys.press("Enter")
    page.wait_for_url("**/book/practitioner/**")
    keys.tab_to(text="Hannah Okafor")
    keys.press("Enter")
    page.wait_for_url("**/book/time/**")
    found = None
    while found is None or found["date"] < day:
        found = keys.tab_to(text="free")
    keys.press("Enter")
    page.locator(f'.day-strip a.selected[data-date="{found["date"]}"]').wait_for()
    keys.tab_to(text=":")  # the first time on that day, "HH:MM"
    keys.press("Enter")
    page.wait_for_url("**/book/details/**")
    fill_details_by_keyboard(keys)
    page.get_by_text("You're booked in").wait_for()
    shot(page, "keyboard-done")
    print(f"Booked with {keys.presses} key presses at {width} width")

    booking = Booking.objects.get(given_email="kay@example.org")
    assert booking.practitioner.slug == "hannah-okafor"
    assert booking.screening_answers and set(booking.screening_answers.values()) == {"no"}
    assert keys.without_ring == []
    assert page.js_errors == []
