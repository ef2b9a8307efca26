"""A page served whole (clinic/page_cache.py) in Chromium: a second browser is given the
"choose a time" page the first one was made with, and still holds a time with it, its
own CSRF token in the kept form."""

from datetime import time

import pytest

from tests.browser.conftest import shot
from tests.factories import PractitionerFactory, TreatmentFactory, WorkingHoursFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIME_PAGE = "/book/time/?treatment=follow-up&practitioner=hannah"


@pytest.fixture
def hannah():
    treatment = TreatmentFactory(slug="follow-up", name="Follow-up treatment")
    p = PractitionerFactory(slug="hannah", name="Hannah Okafor")
    for weekday in range(7):
        WorkingHoursFactory(practitioner=p, weekday=weekday, start=time(8), end=time(18))
    treatment.practitioners.add(p)
    return p


def open_time_page(page, base):
    """The page and whether it was served whole (it then says its age)."""
    response = page.goto(base + TIME_PAGE)
    assert response.ok
    return "age" in response.headers


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_second_browser_holds_a_time_from_the_kept_page(
    open_page, live_server, hannah, javascript
):
    first, second = open_page("phone"), open_page("desktop", javascript=javascript)
    for _ in range(3):  # a minute may turn between two pages; it cannot turn three times
        open_time_page(first, live_server.url)
        if open_time_page(second, live_server.url):
            break
    else:
        pytest.fail("the second browser was never served the kept page")
    second.locator("#slot-grid button").first.click()
    second.wait_for_url("**/book/details/**")
    assert second.get_by_role("heading", name="Your details").is_visible()
    shot(second, f"kept-time-page-then-details-{'script' if javascript else 'no-script'}")
    assert not second.js_errors
