"""Whether a patient came: marked once the session has started."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from bookings.models import Booking
from bookings.services.errors import BookingError


def mark_attendance(
    *,
    booking: Booking,
    status: str,
    by: AbstractBaseUser | None = None,
    now: datetime | None = None,
) -> Booking:
    """Record that the patient came or did not. Only once the session has started. `by`
    names who marked it in the history when there is no request (a request's user is
    recorded anyway)."""
    now = now or timezone.now()
    if status not in {Booking.Status.ATTENDED, Booking.Status.NO_SHOW}:
        raise BookingError("Attendance is either attended or no-show.")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            raise BookingError("A cancelled booking cannot be marked.")
        if booking.start > now:
            raise BookingError("Attendance can be marked once the session has started.")
        booking.status = status
        if by is not None:
            booking._history_user = by
        booking.save(update_fields=["status", "updated_at"])
    return booking
