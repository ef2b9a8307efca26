"""Migration 0004 forgets the "No" answers that staff bookings of the first screening
version stored although nobody asked, and flags every first-version booking."""

from importlib import import_module

import pytest
from django.apps import apps

from bookings.models import Booking
from tests.bookings.conftest import MONDAY_9
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

migration = import_module("bookings.migrations.0006_screening_outcome_and_unasked_staff_answers")
FIRST = {"pregnant": False, "pacemaker": False, "bleeding": False, "skin_problem": False}


def old_booking(hours, **fields):
    return BookingFactory(
        start=MONDAY_9.replace(hour=9 + hours), screening_version="2026-11", **fields
    )


def test_staff_no_answers_nobody_gave_become_not_asked():
    unasked = old_booking(0, source=Booking.Source.STAFF, screening_answers=FIRST)
    typed = old_booking(
        1, source=Booking.Source.STAFF, screening_answers={**FIRST, "pregnant": True}
    )
    online = old_booking(2, source=Booking.Source.ONLINE, screening_answers=FIRST)
    current = BookingFactory(start=MONDAY_9.replace(hour=14), source=Booking.Source.STAFF)

    migration.forget_answers_nobody_gave(apps, None)

    for booking in (unasked, typed, online, current):
        booking.refresh_from_db()
    assert unasked.screening_answers == {}
    assert typed.screening_answers == {**FIRST, "pregnant": True}
    assert online.screening_answers == FIRST
    assert (unasked.needs_attention, typed.needs_attention, online.needs_attention) == (
        True,
        True,
        True,
    )
    assert current.needs_attention is False
    assert current.screening_answers["pregnant"] == "no"
