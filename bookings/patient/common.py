"""What the booking pages and the manage pages share: the day strip with its free times,
query strings between steps, and the .ics download."""

import secrets
from datetime import date, timedelta
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from bookings import services
from bookings.ics import patient_ics
from bookings.models import Booking, Treatment
from bookings.selectors import bookable_practitioners, offers_by_day
from bookings.waitlist.selectors import held_by
from clinic.clock import local_today
from practitioners.models import Practitioner

DAYS_SHOWN = 14
SESSION_HOLD_KEY = "hold_key"


def browser_holder(request: HttpRequest, *, create: bool = False) -> str | None:
    """The name this browser's holds go by, from a random key kept in its session (not
    the session id itself, which is a credential). None if it has none and `create` is
    false, so merely looking never starts a session."""
    key = request.session.get(SESSION_HOLD_KEY)
    if key is None and create:
        key = request.session[SESSION_HOLD_KEY] = secrets.token_urlsafe(16)
    return services.browser_holder(key) if key else None


def hold_on(request: HttpRequest, treatment: Treatment, practitioner: Practitioner, start):
    """This browser's unexpired hold, if it is on this very time."""
    hold = held_by(browser_holder(request), timezone.now())
    chosen = (treatment.pk, practitioner.pk, start)
    return (
        hold if hold and (hold.treatment_id, hold.practitioner_id, hold.start) == chosen else None
    )


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
    exclude_holder: str | None = None,
) -> dict:
    """The day strip and the chosen day's times, shared by booking and moving. A time the
    browser itself holds (`exclude_holder`) is shown as free to it."""
    practitioners = (
        [practitioner] if practitioner else list(bookable_practitioners(treatment, condition))
    )
    first = local_today()
    last = first + timedelta(days=DAYS_SHOWN - 1)
    days = offers_by_day(
        treatment,
        practitioners,
        first,
        last,
        timezone.now(),
        exclude_booking=exclude_booking,
        exclude_holder=exclude_holder,
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
