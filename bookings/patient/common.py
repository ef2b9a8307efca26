"""What the booking pages and the manage pages share: the day strip with its free times,
query strings between steps, the .ics download, and who signed in to "my bookings"."""

import secrets
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bookings import services
from bookings.availability import Problem
from bookings.ics import patient_ics
from bookings.models import AccessToken, Booking, Treatment
from bookings.patient.selectors import bookable_window
from bookings.selectors import practitioners_for
from bookings.waitlist.selectors import held_by
from practitioners.models import Practitioner

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
    link_params: dict[str, str],
    exclude_booking: Booking | None = None,
    exclude_holder: str | None = None,
) -> dict:
    """The day strip (a fortnight up to the horizon, with links to the fortnights either
    side and a date picker) and the chosen day's times, shared by booking and moving.
    `link_params` are what the strip's links and picker carry besides the date. A time the
    browser itself holds (`exclude_holder`) is shown as free to it."""
    practitioners = [practitioner] if practitioner else practitioners_for(treatment, condition)[0]
    window = bookable_window(
        treatment=treatment,
        practitioners=practitioners,
        around=chosen_day,
        now=timezone.now(),
        exclude_booking=exclude_booking,
        exclude_holder=exclude_holder,
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


# "My bookings": after a sign-in link is used, the session remembers which link for a
# while, so the patient can open, move or cancel their bookings and see their data. The
# session holds no address: it is read from the used link, so erasing a person (which
# deletes their links) signs them out everywhere.
SIGNED_IN = "my_bookings"
SIGNED_IN_FOR = timedelta(minutes=30)


def sign_in(request: HttpRequest, link: AccessToken) -> None:
    request.session.cycle_key()  # a new session id: nothing set before sign-in carries over
    until = timezone.now() + SIGNED_IN_FOR
    request.session[SIGNED_IN] = {"link": link.pk, "until": until.isoformat()}


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SIGNED_IN, None)


def signed_in_email(request: HttpRequest) -> str | None:
    """The address this browser proved it reads, by a sign-in link, if still in time."""
    state = request.session.get(SIGNED_IN) or {}
    try:
        until = datetime.fromisoformat(state["until"])
    except (KeyError, TypeError, ValueError):
        return None
    if timezone.now() >= until:
        return None
    link = AccessToken.objects.filter(
        pk=state.get("link"), purpose=AccessToken.Purpose.SIGN_IN, used_at__isnull=False
    ).first()
    return link.email if link else None


def screening_stop(request: HttpRequest, form) -> HttpResponse | None:
    """The stop page when a details form's answers say "not online", whatever else is
    unfinished on the form; None otherwise. Nothing about the patient is kept: only that
    advice was shown, and how urgent it was (services.record_screening_stop)."""
    result = form.screening_result()
    if not result.stops_online:
        return None
    services.record_screening_stop(level=result.level)
    return render(request, "bookings/book/stop.html", {"result": result})
