"""Query budgets: every page of the performance table costs the same number of queries for
a clinic of one practitioner with an empty diary as for one of twenty practitioners, three
treatments and thousands of bookings, past and future."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.diaries import store
from bookings.models import Booking
from bookings.selectors import next_free_times
from clinic.page_cache import pages
from tests.bookings.conftest import MONDAY_9, NOW
from tests.factories import (
    ConditionFactory,
    PatientFactory,
    PractitionerFactory,
    TreatmentFactory,
    WorkingHoursFactory,
)

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/conditions/sciatica/",
    "/practitioners/",
    "/practitioners/hannah/",
    "/book/time/?treatment=follow-up&practitioner=hannah",
    "/book/time/?treatment=follow-up&practitioner=any",
    "/book/practitioner/?treatment=follow-up",
    "/api/availability/?practitioner=hannah&service=follow-up&date=2026-11-24",
    "/api/availability/?practitioner=any&service=follow-up&date=2026-11-24",
]


def working_practitioner(slug, *treatments, condition=None):
    p = PractitionerFactory(slug=slug)
    for weekday in range(6):
        WorkingHoursFactory(practitioner=p, weekday=weekday, start=time(8), end=time(19))
    for t in treatments:
        t.practitioners.add(p)
    if condition:
        p.specialties.add(condition)
    return p


def add_bookings(practitioners, treatment, count):
    """`count` bookings per practitioner, every three hours from two years ago onwards."""
    patients = PatientFactory.create_batch(10)
    rows = []
    for p in practitioners:
        for i in range(count):
            start = MONDAY_9 - timedelta(days=730) + timedelta(hours=3 * i, minutes=p.pk % 4 * 15)
            rows.append(
                Booking(
                    reference=f"B{p.pk:03d}{i:05d}",
                    patient=patients[i % 10],
                    practitioner=p,
                    treatment=treatment,
                    start=start,
                    end=start + treatment.duration,
                    blocked_until=start + treatment.duration + treatment.buffer,
                    screening_version="test",
                )
            )
    Booking.objects.bulk_create(rows, batch_size=2000)


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def queries_per_page(client) -> dict[str, tuple[int, int, int]]:
    """Each page's queries made with no diary cached, then made with its diaries cached,
    then served as kept for visitors (clinic/page_cache.py)."""
    counts = {}
    for path in PAGES:
        store.clear()
        pages().clear()
        cold = queries(client, path)
        pages().clear()
        counts[path] = (cold, queries(client, path), queries(client, path))
    return counts


def test_every_page_costs_the_same_queries_however_big_the_clinic(client, clock):
    sciatica = ConditionFactory(slug="sciatica")
    follow_up = TreatmentFactory(slug="follow-up", duration_minutes=45, buffer_minutes=15)
    working_practitioner("hannah", follow_up, condition=sciatica)
    small = queries_per_page(client)

    initial = TreatmentFactory(slug="initial", duration_minutes=75)
    massage = TreatmentFactory(slug="massage", duration_minutes=30)
    others = [
        working_practitioner(
            f"p{i}", [follow_up, initial, massage][i % 3], follow_up, condition=sciatica
        )
        for i in range(19)
    ]
    add_bookings(others, follow_up, 400)
    large = queries_per_page(client)

    assert large == small


DIARY_READS = 3  # working hours, closures, busy times (bookings/diaries.py)


def test_free_time_pages_read_their_diaries_from_the_cache(client, clock):
    """Once cached, a page that shows free times reads only the diary versions; pages that
    show none cost the same either way. A page kept whole costs one query, for the
    versions, whatever it shows (half a minute past NOW: a page made on the very turn of a
    minute is not kept)."""
    clock.move_to(NOW + timedelta(seconds=30))
    follow_up = TreatmentFactory(slug="follow-up", duration_minutes=45, buffer_minutes=15)
    working_practitioner("hannah", follow_up, condition=ConditionFactory(slug="sciatica"))
    for path, (cold, warm, kept) in queries_per_page(client).items():
        shows_free_times = path.startswith(("/book/", "/api/", "/practitioners/"))
        assert cold - warm == (DIARY_READS if shows_free_times else 0), path
        assert kept == 1, path


def test_first_free_time_in_60_days_costs_at_most_four_queries(clock):
    follow_up = TreatmentFactory(slug="follow-up", duration_minutes=45, buffer_minutes=15)
    hannah = working_practitioner("hannah", follow_up)
    add_bookings([hannah], follow_up, 400)
    store.clear()
    counts = []
    for _ in range(2):  # nothing cached, then cached
        with CaptureQueriesContext(connection) as captured:
            found = next_free_times([hannah], follow_up, NOW, days=60)
        assert found[hannah.pk]
        counts.append(len(captured))
    assert counts == [4, 1]
