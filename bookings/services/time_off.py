"""A practitioner's time off. It lives with the bookings, not in `practitioners`, because
adding it must lock the same diary and list the bookings it would overlap."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from bookings.models import Booking
from bookings.services.errors import BookingError, TimeOffOverlapsBookings
from bookings.services.slot_guard import lock
from practitioners.models import PAST_TIME_OFF, Practitioner, TimeOff


def add_time_off(
    *,
    practitioner: Practitioner,
    start: datetime,
    end: datetime,
    reason: str,
    note: str = "",
    overlaps_confirmed: bool = False,
    now: datetime | None = None,
) -> TimeOff:
    """Block out time. From then on no slot in it is offered. Bookings already in it stay
    (reception moves them), but only once the person has seen them listed. Time off that
    has already ended is refused."""
    if end <= start:
        raise BookingError("The end must be after the start.")
    if end <= (now or timezone.now()):
        raise BookingError(PAST_TIME_OFF)
    with transaction.atomic():
        practitioner = lock(practitioner)
        clashes = list(
            Booking.objects.active()
            .filter(practitioner=practitioner)
            .overlapping(start, end)
            .select_related("patient", "treatment")
        )
        if clashes and not overlaps_confirmed:
            raise TimeOffOverlapsBookings(clashes)
        return TimeOff.objects.create(
            practitioner=practitioner, start=start, end=end, reason=reason, note=note
        )


def remove_time_off(*, time_off: TimeOff) -> None:
    with transaction.atomic():
        lock(time_off.practitioner)
        time_off.delete()
