"""What a practitioner's schedule and calendar feed read."""

from datetime import date, datetime, timedelta

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from bookings.models import Booking
from clinic.clock import day_range
from practitioners.models import Practitioner


def schedule_bookings(practitioner: Practitioner, first_day: date, last_day: date):
    """A practitioner's bookings between two local dates, with what they need before
    treating: the patient, the treatment, and how many times the patient has come before.
    One query, whatever the number of bookings."""
    start, end = day_range(first_day, last_day)
    earlier_visits = (
        Booking.objects.filter(
            patient=OuterRef("patient"), status=Booking.Status.ATTENDED, start__lt=OuterRef("start")
        )
        .order_by()
        .values("patient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Booking.objects.filter(practitioner=practitioner, start__gte=start, start__lt=end)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("patient", "treatment")
        .annotate(past_visits=Coalesce(Subquery(earlier_visits), 0))
        .order_by("start")
    )


def feed_bookings(practitioner: Practitioner, now: datetime):
    """What a subscribed calendar holds: active bookings from a month back to a year ahead."""
    return (
        Booking.objects.active()
        .filter(
            practitioner=practitioner,
            start__gte=now - timedelta(days=30),
            start__lt=now + timedelta(days=365),
        )
        .select_related("patient", "treatment", "practitioner")
        .order_by("start")
    )
