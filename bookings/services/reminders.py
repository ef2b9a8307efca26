"""Reminders before a session, each sent once however many runs overlap."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from bookings import emails
from bookings.models import Booking
from bookings.services.slot_guard import fresh


def send_due_reminders(*, now: datetime | None = None, hours_before: int) -> int:
    """Queue each upcoming booking's reminder exactly once.

    The conditional UPDATE claims a booking atomically, so two runs at the same moment
    never both remind the same patient.
    """
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + timedelta(hours=hours_before),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                emails.booking_reminder(fresh(Booking(pk=pk)))
                sent += 1
    return sent
