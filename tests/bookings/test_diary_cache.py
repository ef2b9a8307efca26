"""The free-time pages read practitioners' diaries through a cache (bookings/diaries.py).
No cached copy may be served after a write that changes a diary: each test below warms the
cache through the availability API, makes one kind of write the way the product makes it
(a service, or a model save as the admin does), and asks again. The answer must be what the
database says now (read without the cache) and must differ from the answer before."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings import services
from bookings.availability import free_slots
from bookings.diaries import load_diaries, store
from bookings.models import Booking, ClinicClosure, DiaryVersion
from bookings.models_diary import practitioner_key
from bookings.selectors import slot_rules
from practitioners.models import Practitioner, TimeOff, WorkingHours
from tests.bookings.conftest import MONDAY_9, NOW, book_online
from tests.factories import (
    BookingFactory,
    PatientFactory,
    PractitionerFactory,
    WorkingHoursFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def empty_cache():
    store.clear()


@pytest.fixture
def client(client, settings):
    """A browser with a session cookie (a stale one): pages are made afresh for it rather
    than served whole (clinic/page_cache.py), so these tests read the diary cache beneath
    them. tests/bookings/test_page_cache.py makes the same writes to pages served whole."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    return client


def api_slots(client, who="hannah") -> list[str]:
    response = client.get(
        "/api/availability/",
        {"practitioner": who, "service": "follow-up", "date": MONDAY.isoformat()},
    )
    assert response.status_code == 200
    return response.json()["slots"]


def truth(practitioner, treatment) -> list[str]:
    """Hannah's free times on Monday read straight from the database."""
    diary = load_diaries([practitioner.pk], MONDAY, MONDAY)[practitioner.pk]
    starts = free_slots(
        working=diary.working,
        unavailable=diary.unavailable,
        bookings=diary.bookings,
        rules=slot_rules(treatment, NOW),
    )
    return [s.isoformat() for s in starts]


def warm(client) -> list[str]:
    before = api_slots(client)
    with CaptureQueriesContext(connection) as captured:
        assert api_slots(client) == before
    assert not any("bookings_booking" in q["sql"] for q in captured), "not served from cache"
    return before


def arranged_booking(practitioner, treatment, start=MONDAY_9):
    return BookingFactory(practitioner=practitioner, treatment=treatment, start=start)


# Each write: (name, arrange before warming -> state, write(state)).
WRITES = {
    "online booking": (lambda p, t, o: None, lambda p, t, o, s: book_online(p, t)),
    "cancel": (
        lambda p, t, o: arranged_booking(p, t),
        lambda p, t, o, b: services.cancel(booking=b, by_staff=True),
    ),
    "move": (
        lambda p, t, o: arranged_booking(p, t),
        lambda p, t, o, b: services.reschedule(
            booking=b, new_start=MONDAY_9 + timedelta(hours=3), by_staff=True
        ),
    ),
    "booking given to another practitioner in the admin": (
        lambda p, t, o: arranged_booking(p, t),
        lambda p, t, o, b: _reassign(Booking.objects.get(pk=b.pk), o),
    ),
    "hold by another browser": (
        lambda p, t, o: None,
        lambda p, t, o, s: services.hold_time(
            practitioner=p, treatment=t, start=MONDAY_9, holder="browser:someone-else"
        ),
    ),
    "hold released": (
        lambda p, t, o: services.hold_time(
            practitioner=p, treatment=t, start=MONDAY_9, holder="browser:someone-else"
        ),
        lambda p, t, o, h: services.release("browser:someone-else"),
    ),
    "time off added": (
        lambda p, t, o: None,
        lambda p, t, o, s: services.add_time_off(
            practitioner=p, start=MONDAY_9, end=MONDAY_9 + timedelta(hours=2), reason="training"
        ),
    ),
    "time off removed": (
        lambda p, t, o: TimeOff.objects.create(
            practitioner=p, start=MONDAY_9, end=MONDAY_9 + timedelta(hours=2)
        ),
        lambda p, t, o, off: services.remove_time_off(time_off=off),
    ),
    "time off shortened in the admin": (
        lambda p, t, o: TimeOff.objects.create(
            practitioner=p, start=MONDAY_9, end=MONDAY_9 + timedelta(hours=4)
        ),
        lambda p, t, o, off: _shorten(TimeOff.objects.get(pk=off.pk)),
    ),
    "working hours changed": (
        lambda p, t, o: None,
        lambda p, t, o, s: _change_monday(p),
    ),
    "working hours deleted": (
        lambda p, t, o: None,
        lambda p, t, o, s: WorkingHours.objects.filter(practitioner=p, weekday=0).delete(),
    ),
    "clinic closure": (
        lambda p, t, o: None,
        lambda p, t, o, s: ClinicClosure.objects.create(
            name="Refurbishment", start_date=MONDAY, end_date=MONDAY
        ),
    ),
    "clinic closure removed": (
        lambda p, t, o: ClinicClosure.objects.create(
            name="Refurbishment", start_date=MONDAY, end_date=MONDAY
        ),
        lambda p, t, o, c: c.delete(),
    ),
    "treatment made longer": (
        lambda p, t, o: None,
        lambda p, t, o, s: _lengthen(t),
    ),
}


def _reassign(booking, other):
    booking.practitioner = other
    booking.save()


def _shorten(off):
    off.end = off.start + timedelta(hours=1)
    off.save()


def _change_monday(practitioner):
    hours = WorkingHours.objects.get(practitioner=practitioner, weekday=0)
    hours.start = time(13)
    hours.save()


def _lengthen(treatment):
    treatment.duration_minutes = 90
    treatment.save()


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_no_cached_free_time_outlives_a_write(
    write, client, clock, practitioner, treatment, colleague
):
    arrange, act = WRITES[write]
    state = arrange(practitioner, treatment, colleague)
    before = warm(client)
    act(practitioner, treatment, colleague, state)
    treatment.refresh_from_db()
    after = api_slots(client)
    assert after == truth(practitioner, treatment)
    assert after != before


def test_any_practitioner_sees_a_write_to_any_diary(
    client, clock, practitioner, treatment, colleague
):
    before = api_slots(client, "any")
    book_online(practitioner, treatment)
    book_online(colleague, treatment)
    after = api_slots(client, "any")
    assert MONDAY_9.isoformat() in before
    assert MONDAY_9.isoformat() not in after


def test_a_hold_frees_its_time_when_it_expires_with_no_write(
    client, clock, practitioner, treatment
):
    hold = services.hold_time(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9, holder="browser:x"
    )
    held = warm(client)
    assert MONDAY_9.isoformat() not in held
    clock.move_to(hold.expires_at + timedelta(seconds=1))
    assert MONDAY_9.isoformat() in api_slots(client)


def test_a_diary_read_before_it_had_a_version_is_not_cached(client, clock, treatment):
    """bulk_create sends no signal, so a practitioner made that way has no diary version:
    the first reader gives them one and does not cache what it read before it existed."""
    (amir,) = Practitioner.objects.bulk_create([PractitionerFactory.build(slug="amir")])
    WorkingHoursFactory(practitioner=amir, weekday=0, start=time(9), end=time(17))
    DiaryVersion.objects.filter(key=practitioner_key(amir.pk)).delete()
    treatment.practitioners.add(amir)
    assert MONDAY_9.isoformat() in api_slots(client, "amir")
    assert DiaryVersion.objects.filter(key=practitioner_key(amir.pk)).exists()
    Booking.objects.bulk_create(
        [
            BookingFactory.build(
                practitioner=amir, treatment=treatment, start=MONDAY_9, patient=PatientFactory()
            )
        ]
    )
    assert MONDAY_9.isoformat() not in api_slots(client, "amir")


def test_a_clinic_wide_change_takes_one_row_whatever_the_number_of_practitioners(
    practitioner, colleague
):
    """A closure must not lock every practitioner's version row: a booking holding one of
    them while it waits for another would deadlock with it."""
    with CaptureQueriesContext(connection) as captured:
        ClinicClosure.objects.create(name="Refurbishment", start_date=MONDAY, end_date=MONDAY)
    writes = [q["sql"] for q in captured if "bookings_diaryversion" in q["sql"]]
    assert len(writes) == 1 and writes[0].count("clinic") >= 1, writes
    assert "practitioner:" not in writes[0]


def test_the_store_drops_the_least_recently_used_copy_first():
    from bookings.diaries import _Store

    small = _Store(size=2)
    small.set_many({"a": 1, "b": 2})
    assert small.get_many(["a"]) == {"a": 1}  # "a" is now the most recently used
    small.set_many({"c": 3})
    assert small.get_many(["a", "b", "c"]) == {"a": 1, "c": 3}
