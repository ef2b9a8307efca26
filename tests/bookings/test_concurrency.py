"""Races are proven, not assumed: parallel requests for one slot at a live server."""

import importlib
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, time

import pytest
from django.db import connection
from django.test import override_settings

from bookings.models import Booking
from tests.bookings.conftest import details_post
from tests.factories import PractitionerFactory, TreatmentFactory, WorkingHoursFactory
from tests.live import Browser

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 20


def _diary():
    treatment = TreatmentFactory(slug="follow-up", duration_minutes=45, buffer_minutes=15)
    practitioner = PractitionerFactory(slug="hannah")
    for weekday in range(7):
        WorkingHoursFactory(practitioner=practitioner, weekday=weekday, start=time(9), end=time(17))
    treatment.practitioners.add(practitioner)
    return treatment, practitioner


def _race_for_one_slot(base, treatment, practitioner):
    """PARALLEL patients open the details form for the same free time, then all submit at
    once. Returns each submission's (status, page)."""
    probe = Browser(base)
    _, page = probe.get("/book/time/?treatment=follow-up&practitioner=hannah")
    start = urllib.parse.unquote(re.search(r"start=([^\"&]+)", page).group(1))

    browsers, forms = [], []
    for i in range(PARALLEL):
        browser = Browser(base)
        status, html = browser.get(
            f"/book/details/?treatment=follow-up&practitioner=hannah&start={urllib.parse.quote(start)}"
        )
        assert status == 200
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        key = re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)
        data = details_post(
            treatment,
            practitioner,
            datetime.fromisoformat(start),
            idempotency_key=key,
            email=f"patient{i}@example.org",
        )
        data["csrfmiddlewaretoken"] = csrf
        browsers.append(browser)
        forms.append(data)

    barrier = threading.Barrier(PARALLEL)
    results = [None] * PARALLEL

    def submit(i):
        barrier.wait()
        results[i] = browsers[i].post("/book/details/", forms[i])

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(PARALLEL)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_twenty_patients_posting_one_slot_get_exactly_one_booking(live_server):
    treatment, practitioner = _diary()

    results = _race_for_one_slot(live_server.url, treatment, practitioner)

    statuses = sorted(status for status, _ in results)
    winners = [html for status, html in results if status == 200 and "booked in" in html]
    losers = [html for status, html in results if status == 409]
    assert Booking.objects.count() == 1
    assert len(winners) == 1, statuses
    assert len(losers) == PARALLEL - 1, statuses
    assert all("just taken" in html for html in losers)
    assert 500 not in statuses


@pytest.fixture
def without_the_overlap_constraint():
    """On PostgreSQL, drop the exclusion constraint for one test and put it back after."""
    if connection.vendor != "postgresql":
        yield
        return
    no_overlap = importlib.import_module(
        "bookings.migrations.0002_booking_no_overlap_on_postgresql"
    )
    with connection.cursor() as cursor:
        cursor.execute(no_overlap.DROP)
    yield
    Booking.objects.all().delete()  # the double bookings would stop the constraint coming back
    with connection.cursor() as cursor:
        cursor.execute(no_overlap.CREATE)


@override_settings(BOOKING_LOCKING_DISABLED=True)
def test_control_without_lock_recheck_or_constraint_the_harness_sees_a_double_booking(
    live_server, without_the_overlap_constraint
):
    """The control for the test above (pretix keeps one per race test): with the lock, the
    re-check and the constraint all switched off, the same harness must see more than one
    booking for one time. If it did not, the test above would prove nothing."""
    treatment, practitioner = _diary()

    results = _race_for_one_slot(live_server.url, treatment, practitioner)

    starts = list(Booking.objects.values_list("start", flat=True))
    assert len(starts) > 1, sorted(status for status, _ in results)
    assert len(set(starts)) == 1
