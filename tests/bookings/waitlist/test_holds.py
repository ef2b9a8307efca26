"""Holds: a chosen time is kept for one browser, busy for everyone else, and free again the
moment the hold ends, with nothing to clean up."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.test import override_settings
from django.utils import timezone

from bookings import services
from bookings.availability import Problem
from bookings.models import Booking, Hold
from bookings.selectors import free_starts_by_practitioner
from clinic.clock import local_date
from tests.bookings.conftest import MONDAY_9, NOW, screening_answers
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

ALEX = services.PatientDetails(
    "Alex", "Patient", "alex@example.org", "07700 900123", date(1980, 5, 17)
)
MINE, THEIRS = "browser:mine", "browser:theirs"


def hold(practitioner, treatment, start=MONDAY_9, holder=MINE):
    return services.hold_time(
        practitioner=practitioner, treatment=treatment, start=start, holder=holder
    )


def free_on_monday(practitioner, treatment, *, holder=None):
    day = local_date(MONDAY_9)
    return free_starts_by_practitioner(
        [practitioner], treatment, day, day, timezone.now(), exclude_holder=holder
    )[practitioner.pk]


def book(practitioner, treatment, start=MONDAY_9, **kwargs):
    return services.book(
        practitioner=practitioner,
        treatment=treatment,
        start=start,
        patient=ALEX,
        screening_answers=screening_answers(),
        consented=True,
        **kwargs,
    )


def test_a_held_time_is_busy_for_others_and_free_for_its_own_browser(
    clock, practitioner, treatment
):
    made = hold(practitioner, treatment)

    assert made.expires_at == NOW + timedelta(minutes=10)
    assert MONDAY_9 not in free_on_monday(practitioner, treatment)
    assert MONDAY_9 not in free_on_monday(practitioner, treatment, holder=THEIRS)
    assert MONDAY_9 in free_on_monday(practitioner, treatment, holder=MINE)
    # The session with its buffer is held, as a booking would be: 9:15 would run into it.
    assert MONDAY_9 + timedelta(minutes=15) not in free_on_monday(practitioner, treatment)


def test_a_second_browser_cannot_hold_a_held_time(clock, practitioner, treatment):
    hold(practitioner, treatment)

    with pytest.raises(services.SlotUnavailable) as error:
        hold(practitioner, treatment, holder=THEIRS)

    assert error.value.problem is Problem.TAKEN
    assert list(Hold.objects.values_list("holder", flat=True)) == [MINE]


def test_a_new_hold_replaces_the_browsers_old_one(clock, practitioner, treatment):
    hold(practitioner, treatment)
    later = MONDAY_9 + timedelta(hours=3)

    hold(practitioner, treatment, start=later)

    assert list(Hold.objects.values_list("holder", "start")) == [(MINE, later)]
    assert MONDAY_9 in free_on_monday(practitioner, treatment)


def test_an_expired_hold_frees_the_time_with_no_clean_up(clock, practitioner, treatment):
    hold(practitioner, treatment)
    clock.shift(timedelta(minutes=10))

    assert Hold.objects.count() == 1  # nothing deleted it
    assert MONDAY_9 in free_on_monday(practitioner, treatment)
    hold(practitioner, treatment, holder=THEIRS)
    booking = book(practitioner, treatment, holder=THEIRS)
    assert booking.start == MONDAY_9


def test_a_hold_expires_a_moment_before_ten_minutes_are_up_not_after(
    clock, practitioner, treatment
):
    hold(practitioner, treatment)
    clock.shift(timedelta(minutes=9, seconds=59))

    with pytest.raises(services.SlotUnavailable):
        hold(practitioner, treatment, holder=THEIRS)


@override_settings(HOLD_MINUTES=60)
def test_a_hold_never_outlives_its_time(clock, practitioner, treatment):
    # Friday 10:30 can be booked online until 08:30 (two hours' notice), so the hold,
    # though an hour long by the setting, ends then.
    friday_1030 = NOW + timedelta(hours=2, minutes=30)

    made = hold(practitioner, treatment, start=friday_1030)

    assert made.expires_at == friday_1030 - timedelta(hours=2)
    with time_machine.travel(made.expires_at, tick=False):
        with pytest.raises(services.SlotUnavailable) as error:
            hold(practitioner, treatment, start=friday_1030, holder=THEIRS)
        assert error.value.problem is Problem.TOO_SOON


def test_the_database_refuses_a_hold_past_its_start(clock, practitioner, treatment):
    with pytest.raises(IntegrityError):
        Hold.objects.create(
            holder=MINE,
            practitioner=practitioner,
            treatment=treatment,
            start=MONDAY_9,
            end=MONDAY_9 + treatment.duration,
            blocked_until=MONDAY_9 + timedelta(hours=1),
            expires_at=MONDAY_9 + timedelta(minutes=1),
        )


def test_booking_converts_the_browsers_hold(clock, practitioner, treatment):
    hold(practitioner, treatment)

    booking = book(practitioner, treatment, holder=MINE)

    assert booking.start == MONDAY_9
    assert Hold.objects.count() == 0


@pytest.mark.parametrize("by_staff", [False, True])
def test_nobody_books_over_another_browsers_hold(
    clock, practitioner, treatment, manager_user, by_staff
):
    hold(practitioner, treatment, holder=THEIRS)

    with pytest.raises(services.SlotUnavailable) as error:
        book(practitioner, treatment, holder=MINE, created_by=manager_user if by_staff else None)

    assert error.value.problem is Problem.TAKEN
    assert Booking.objects.count() == 0


def test_a_booking_cannot_be_moved_onto_a_held_time(clock, practitioner, treatment):
    booking = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(days=1)
    )
    hold(practitioner, treatment, holder=THEIRS)

    with pytest.raises(services.SlotUnavailable):
        services.reschedule(booking=booking, new_start=MONDAY_9)


def test_an_unlisted_practitioner_cannot_be_held(clock, practitioner, treatment):
    practitioner.is_listed = False
    practitioner.save()

    with pytest.raises(services.NotBookable):
        hold(practitioner, treatment)
    assert Hold.objects.count() == 0
