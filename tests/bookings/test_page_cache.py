"""Public pages are served whole to visitors without a session (clinic/page_cache.py). No
kept page may be served after a write that changes it, or once the minute it was made in
has passed, or to anyone with a session; and a kept form still takes each visitor's own
CSRF token.

Each write test asks for the pages a visitor would see, makes one kind of write the way
the product makes it, and asks again: each page must be what it is when made afresh, and
the page that shows the change must differ from before."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clinic.models import Condition, FAQEntry, InfoPage
from clinic.page_cache import pages
from practitioners.models import Practitioner
from tests.bookings.conftest import MONDAY_9, NOW
from tests.bookings.test_diary_cache import WRITES as DIARY_WRITES
from tests.factories import (
    ConditionFactory,
    FAQEntryFactory,
    InfoPageFactory,
    LanguageFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)
API = f"/api/availability/?practitioner=hannah&service=follow-up&date={MONDAY}"
TIME_PAGE = "/book/time/?treatment=follow-up&practitioner=hannah"
PAGES = [
    "/",
    "/conditions/sciatica/",
    "/faq/",
    "/practitioners/",
    "/practitioners/hannah/",
    "/book/practitioner/?treatment=follow-up",
    TIME_PAGE,
    "/book/time/?treatment=follow-up&practitioner=any",
    API,
    f"/api/availability/?practitioner=any&service=follow-up&date={MONDAY}",
]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture
def clock():
    """Half a minute after NOW: a page made on the very turn of a minute is not kept."""
    with time_machine.travel(NOW + timedelta(seconds=30), tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(practitioner, treatment, colleague):
    sciatica = ConditionFactory(slug="sciatica", name="Sciatica")
    practitioner.specialties.add(sciatica)
    InfoPageFactory(slug="what-to-expect", title="What to expect")
    FAQEntryFactory(question="Does it hurt?")
    return sciatica


def text(response) -> str:
    """The answer's status and page, without the CSRF tokens, which differ on every page
    made. (A write can make a page a refusal: a condition unpublished, say.)"""
    return f"{response.status_code}\n" + TOKEN.sub('value=""', response.content.decode())


def seen(path) -> str:
    """The page as a new visitor (no cookies at all) is served it."""
    return text(Client().get(path))


def made_afresh(path) -> str:
    pages().clear()
    return seen(path)


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def assert_pages_are_true(before: dict[str, str], shows_it: str):
    after = {path: seen(path) for path in PAGES}
    for path in PAGES:
        assert after[path] == made_afresh(path), f"{path} was served from before the write"
    assert after[shows_it] != before[shows_it], f"{shows_it} does not show the write"


def kept(path) -> dict[str, str]:
    """Every page, asked for twice: the second time it is served whole."""
    before = {p: seen(p) for p in PAGES}
    with CaptureQueriesContext(connection) as captured:
        assert seen(path) == before[path]
    assert len(captured) == 1, f"{path} was not kept"
    return before


@pytest.mark.parametrize("write", DIARY_WRITES, ids=list(DIARY_WRITES))
def test_no_kept_page_outlives_a_write_to_a_diary(
    write, clock, site, practitioner, treatment, colleague
):
    arrange, act = DIARY_WRITES[write]
    state = arrange(practitioner, treatment, colleague)
    before = kept(API)
    act(practitioner, treatment, colleague, state)
    assert_pages_are_true(before, shows_it=API)


def _rename(condition_or_treatment):
    condition_or_treatment.name += " (renamed)"
    condition_or_treatment.save()


def _unlist(practitioner):
    practitioner.is_listed = False
    practitioner.save()


def _edit_biography(practitioner):
    practitioner.biography = "Twenty years of treating back pain."
    practitioner.save()


def _unpublish(model, **lookup):
    entry = model.objects.get(**lookup)
    entry.is_published = False
    entry.save()


# Each write to what the pages say: (the page that shows it, the write).
CONTENT_WRITES = {
    "condition renamed": ("/conditions/sciatica/", lambda s, p, t: _rename(s)),
    "condition unpublished": ("/", lambda s, p, t: _unpublish(Condition, slug="sciatica")),
    "information page unpublished": (
        "/",
        lambda s, p, t: _unpublish(InfoPage, slug="what-to-expect"),
    ),
    "question unpublished": ("/faq/", lambda s, p, t: _unpublish(FAQEntry)),
    "biography edited": ("/practitioners/hannah/", lambda s, p, t: _edit_biography(p)),
    "practitioner taken off the directory": ("/practitioners/", lambda s, p, t: _unlist(p)),
    "particular interest removed": (
        "/conditions/sciatica/",
        lambda s, p, t: p.specialties.remove(s),
    ),
    "language added": (
        "/practitioners/hannah/",
        lambda s, p, t: p.languages.add(LanguageFactory(name="Welsh", slug="welsh")),
    ),
    "registration added": (
        "/practitioners/hannah/",
        lambda s, p, t: RegistrationFactory(practitioner=p, number="BAC-77777"),
    ),
    "treatment no longer given by this practitioner": (
        "/practitioners/hannah/",
        lambda s, p, t: t.practitioners.remove(p),
    ),
    "treatment renamed": ("/book/practitioner/?treatment=follow-up", lambda s, p, t: _rename(t)),
}


@pytest.mark.parametrize("write", CONTENT_WRITES, ids=list(CONTENT_WRITES))
def test_no_kept_page_outlives_a_write_to_what_pages_say(
    write, clock, site, practitioner, treatment
):
    shows_it, act = CONTENT_WRITES[write]
    before = kept(shows_it)
    act(site, Practitioner.objects.get(pk=practitioner.pk), treatment)
    assert_pages_are_true(before, shows_it=shows_it)


FRIDAY = f"/api/availability/?practitioner=hannah&service=follow-up&date={NOW.date()}"


def first_slot(visitor) -> str:
    return visitor.get(FRIDAY).json()["slots"][0]


def test_a_time_past_the_notice_is_never_served_from_a_kept_page(clock, practitioner, treatment):
    """With two hours' notice, 10:15 on Friday can be booked until 08:15. A page made at
    08:14:30 is served until its minute ends, and not a second after."""
    visitor = Client()
    clock.move_to(NOW + timedelta(minutes=14, seconds=30))
    assert first_slot(visitor) == NOW.replace(hour=10, minute=15).isoformat()
    clock.move_to(NOW + timedelta(minutes=14, seconds=59))
    assert queries(visitor, FRIDAY) == 1  # kept
    assert visitor.get(FRIDAY).headers["Age"] == "29"  # made half a minute ago
    clock.move_to(NOW + timedelta(minutes=15, seconds=1))
    assert first_slot(visitor) == NOW.replace(hour=10, minute=30).isoformat()


def test_a_page_made_on_the_turn_of_a_minute_is_not_kept(clock, practitioner, treatment):
    """At 08:00:00 exactly 10:00 can still be booked; a moment later it cannot."""
    clock.move_to(NOW)
    visitor = Client()
    assert first_slot(visitor) == NOW.replace(hour=10).isoformat()
    clock.move_to(NOW + timedelta(seconds=1))
    assert first_slot(visitor) == NOW.replace(hour=10, minute=15).isoformat()


def test_signed_in_staff_are_never_served_a_visitors_page(client, clock, practitioner):
    kept_for_visitors = seen("/")
    assert "Sign out" not in kept_for_visitors
    client.force_login(practitioner.user)
    assert "Sign out" in client.get("/").content.decode()


def test_a_browser_holding_a_time_sees_it_free_while_no_one_else_does(
    clock, practitioner, treatment
):
    start = MONDAY_9.isoformat()
    assert start in Client().get(API).json()["slots"]  # kept
    holder = Client()
    page = holder.get(TIME_PAGE + f"&date={MONDAY}")
    form = {"csrfmiddlewaretoken": TOKEN.search(page.content.decode())[1]}
    hold = f"/book/hold/?treatment=follow-up&practitioner=hannah&start={start}"
    assert holder.post(hold, form).status_code == 302
    assert start in holder.get(API).json()["slots"]  # their own held time is free to them
    assert start not in Client().get(API).json()["slots"]


def test_a_kept_form_takes_each_visitors_own_csrf_token(clock, practitioner, treatment):
    path = TIME_PAGE + f"&date={MONDAY}"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = TOKEN.search(first.get(path).content.decode())[1]
    with CaptureQueriesContext(connection) as captured:
        page = second.get(path)
    assert len(captured) == 1  # served whole
    second_token = TOKEN.search(page.content.decode())[1]
    assert second_token != first_token
    assert "csrf-token-of-this-visitor" not in page.content.decode()
    hold = f"/book/hold/?treatment=follow-up&practitioner=hannah&start={MONDAY_9.isoformat()}"
    response = second.post(hold, {"csrfmiddlewaretoken": second_token})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/book/details/")


@pytest.mark.parametrize(
    "path",
    [
        "/practitioners/?page=99",
        "/api/availability/?practitioner=hannah&service=follow-up&date=not-a-date",
        "/practitioners/nobody/",
    ],
)
def test_refusals_are_not_kept(clock, practitioner, treatment, path):
    visitor = Client()
    first = visitor.get(path)
    assert first.status_code in (400, 404)
    with CaptureQueriesContext(connection) as captured:
        again = visitor.get(path)
    assert again.status_code == first.status_code
    assert len(captured) > 1
    assert "Age" not in again.headers
