"""Lock, re-check, write: the steps every change to a practitioner's diary takes inside its
transaction (DESIGN.md, "Booking rules").

The practitioner's row is locked first, so concurrent changes to one diary queue; then the
time is checked again with fresh data; then the row is saved inside a savepoint, where on
PostgreSQL the exclusion constraint has the last word.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from bookings.availability import Problem, check_slot, merge, waivable
from bookings.diaries import load_diaries
from bookings.models import Booking, Treatment
from bookings.selectors import slot_rules
from bookings.services.errors import SlotUnavailable
from clinic.clock import local_date
from practitioners.models import Practitioner


def _switched_off() -> bool:
    """Only the control race test sets this (tests/bookings/test_concurrency.py): it turns
    off the lock and the re-check to show that the race harness does see a double booking.
    It is not read from the environment, so no deployment can set it."""
    return getattr(settings, "BOOKING_LOCKING_DISABLED", False) is True


def lock(practitioner: Practitioner) -> Practitioner:
    if _switched_off():
        return practitioner
    return Practitioner.objects.select_for_update().get(pk=practitioner.pk)


def fresh(booking: Booking) -> Booking:
    return Booking.objects.select_related("patient", "practitioner", "treatment").get(pk=booking.pk)


def ensure_free(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    start: datetime,
    now: datetime,
    by_staff: bool,
    override_hours: bool,
    exclude_booking: Booking | None = None,
    exclude_holder: str | None = None,
) -> None:
    """Raise SlotUnavailable unless a session can start at `start` under the rules the
    person asking may not waive. Other people's unexpired holds count as bookings;
    `exclude_holder`'s own does not."""
    if _switched_off():
        return
    day = local_date(start)
    diary = load_diaries(
        [practitioner.pk],
        day,
        day + timedelta(days=1),
        exclude_booking=exclude_booking,
        now=now,
        exclude_holder=exclude_holder,
    )[practitioner.pk]
    problem = check_slot(
        start,
        working=merge(diary.working),
        unavailable=diary.unavailable,
        bookings=diary.bookings,
        rules=slot_rules(treatment, now),
        ignore=waivable(by_staff=by_staff, outside_hours=override_hours),
    )
    if problem is not None:
        raise SlotUnavailable(problem)


def save_or_taken(booking: Booking) -> None:
    """Save inside a savepoint; the database's own no-overlap constraint is the last word."""
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if "booking_no_overlap" in str(error):
            raise SlotUnavailable(Problem.TAKEN) from error
        raise
