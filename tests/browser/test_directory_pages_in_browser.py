"""The directory's pages as patients use them, at a phone's width and a desktop's: without
JavaScript a filtered search stays filtered from page to page, the page links fit the
screen, axe finds nothing serious, and a page that does not exist says so."""

import pytest

from tests.browser.conftest import axe_findings, shot
from tests.factories import PractitionerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
PAGES = "Pages of practitioners"
EXPECTED_PAGE_LINKS = {
    "phone": ["Previous page", "Page 12 of 23", "Next page"],
    "desktop": ["Previous page", "1", "2", "…", "11", "12", "13", "…", "22", "23", "Next page"],
}


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_filtered_directory_pages_keep_the_filter_without_javascript(
    live_server, demo_clinic, settings, open_page, width
):
    settings.DIRECTORY_PAGE_SIZE = 2  # the demo clinic's 6 practitioners on 3 pages
    page = open_page(width, javascript=False)
    page.goto(live_server.url + "/practitioners/")
    page.get_by_label("Language").select_option(label="English")
    page.get_by_role("button", name="Show").click()
    page.get_by_text("Showing 1–2 of 6 practitioners").wait_for()
    shot(page, "directory-page-1")

    page.get_by_role("navigation", name=PAGES).get_by_role("link", name="Next page").click()
    page.get_by_text("Showing 3–4 of 6 practitioners").wait_for()
    shot(page, "directory-page-2")

    assert page.url == live_server.url + "/practitioners/?language=english&page=2"
    current = page.get_by_role("navigation", name=PAGES).locator("[aria-current=page]")
    assert current.inner_text() == "2"
    assert page.get_by_label("Language").input_value() == "english"
    assert page.title().startswith("Our practitioners, page 2 of 3")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_directory_pages_fit_the_screen_and_pass_axe(
    live_server, demo_clinic, settings, open_page, width
):
    settings.DIRECTORY_PAGE_SIZE = 2
    page = open_page(width)  # axe runs as JavaScript in the page
    findings, overflow = [], {}

    def check(path, label):
        page.goto(live_server.url + path)
        findings.extend(axe_findings(page, label))
        overflow[label] = page.evaluate(SIDEWAYS)

    check("/practitioners/?language=english", "directory page 1")
    check("/practitioners/?language=english&page=2", "directory page 2")
    check("/practitioners/?language=english&page=9", "directory, no such page")
    shot(page, "directory-no-such-page")
    PractitionerFactory.create_batch(40)  # 46 in all: 23 pages
    check("/practitioners/?page=12", "directory page 12 of 23")
    nav = page.get_by_role("navigation", name=PAGES)
    nav.scroll_into_view_if_needed()
    shot(page, "directory-many-pages")

    shown = [item.text_content() for item in nav.locator(".page-link").all() if item.is_visible()]
    assert shown == EXPECTED_PAGE_LINKS[width]
    assert nav.bounding_box()["height"] < 60  # one row
    assert findings == []
    assert set(overflow.values()) == {0}


def test_page_that_does_not_exist_says_so_and_links_back(live_server, demo_clinic, open_page):
    page = open_page("phone", javascript=False)
    response = page.goto(live_server.url + "/practitioners/?language=english&page=9")
    page.get_by_role("heading", name="There is no such page of the directory").wait_for()
    page.get_by_role("link", name="Go to the first page").click()

    assert response.status == 404
    assert page.url == live_server.url + "/practitioners/?language=english"
    page.get_by_text("6 practitioners found").wait_for()
