"""What the booking pages and the manage pages share: the day strip with its free times,
query strings between steps, and the .ics download."""

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from bookings.availability import Problem
from bookings.ics import patient_ics
from bookings.models import Booking, Treatment
from bookings.patient.selectors import bookable_window
from bookings.selectors import practitioners_for
from practitioners.models import Practitioner


def query(**params) -> str:
    """A query string of the non-empty parameters, to carry choices between steps."""
    return urlencode({k: v for k, v in params.items() if v})


def time_page_context(
    *,
    treatment: Treatment,
    practitioner: Practitioner | None,
    condition: str,
    chosen_day: date | None,
    link_params: dict[str, str],
    exclude_booking: Booking | None = None,
) -> dict:
    """The day strip (a fortnight up to the horizon, with links to the fortnights either
    side and a date picker) and the chosen day's times, shared by booking and moving.
    `link_params` are what the strip's links and picker carry besides the date."""
    practitioners = [practitioner] if practitioner else practitioners_for(treatment, condition)[0]
    window = bookable_window(
        treatment=treatment,
        practitioners=practitioners,
        around=chosen_day,
        now=timezone.now(),
        exclude_booking=exclude_booking,
    )
    by_day = {d.day: d for d in window.days}
    if chosen_day not in by_day or not by_day[chosen_day].offers:
        chosen_day = next((d.day for d in window.days if d.offers), window.days[0].day)
    return {
        "days": window.days,
        "chosen_day": chosen_day,
        "chosen": by_day[chosen_day],
        "offers": by_day[chosen_day].offers,
        "window_has_offers": any(d.offers for d in window.days),
        "earlier": window.earlier,
        "later": window.later,
        "first_bookable": window.first_bookable,
        "last_bookable": window.last_bookable,
        "practitioners": practitioners,
        "day_query": query(**link_params),
        "day_params": {k: v for k, v in link_params.items() if v},
    }


def refusal_text(problem: Problem) -> tuple[str, str]:
    """The heading and message for a time that cannot be booked, saying the real cause."""
    if problem is Problem.TAKEN:
        return (
            "That time is no longer free",
            "Sorry, that time was just taken by someone else. Here are the times still free.",
        )
    if problem is Problem.TOO_SOON:
        return (
            "That time is too soon to book online",
            f"Online booking needs {settings.BOOKING_MIN_NOTICE_HOURS} hours' notice. Here are "
            f"the times you can book; for a sooner appointment, please call {settings.CLINIC_PHONE}.",
        )
    return (
        "That time can no longer be booked",
        f"Sorry: {problem.value} Here are the times that are free.",
    )


def ics_download(booking: Booking) -> HttpResponse:
    response = HttpResponse(patient_ics(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.reference}.ics"'
    return response
