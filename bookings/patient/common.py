"""What the booking pages and the manage pages share: the day strip with its free times,
query strings between steps, and the .ics download."""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils import timezone

from bookings.ics import patient_ics
from bookings.models import Booking, Treatment
from bookings.selectors import offers_by_day, practitioners_for
from clinic.clock import local_today
from practitioners.models import Practitioner

DAYS_SHOWN = 14


def query(**params) -> str:
    """A query string of the non-empty parameters, to carry choices between steps."""
    return urlencode({k: v for k, v in params.items() if v})


def time_page_context(
    *,
    treatment: Treatment,
    practitioner: Practitioner | None,
    condition: str,
    chosen_day: date | None,
    exclude_booking: Booking | None = None,
) -> dict:
    """The day strip and the chosen day's times, shared by booking and moving."""
    practitioners = [practitioner] if practitioner else practitioners_for(treatment, condition)[0]
    first = local_today()
    last = first + timedelta(days=DAYS_SHOWN - 1)
    days = offers_by_day(
        treatment, practitioners, first, last, timezone.now(), exclude_booking=exclude_booking
    )
    if chosen_day not in days:
        chosen_day = next((d for d, offers in days.items() if offers), first)
    return {
        "days": days,
        "chosen_day": chosen_day,
        "offers": days[chosen_day],
        "practitioners": practitioners,
    }


def ics_download(booking: Booking) -> HttpResponse:
    response = HttpResponse(patient_ics(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.reference}.ics"'
    return response
