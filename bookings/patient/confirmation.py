"""The last step of booking: the confirmation page and its calendar file, for the browser
that booked (the session remembers what it booked; anyone else gets a 404)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from bookings import services
from bookings.models import Booking
from bookings.patient.common import ics_download

SESSION_BOOKED = "booked_references"


def remember_booking(request: HttpRequest, booking: Booking) -> None:
    """This browser may see the confirmation page of what it booked (the last ten)."""
    booked = request.session.get(SESSION_BOOKED, [])
    request.session[SESSION_BOOKED] = [*booked[-9:], booking.reference]


def _booking_in_session(request: HttpRequest, reference: str) -> Booking:
    if reference not in request.session.get(SESSION_BOOKED, []):
        raise Http404
    return get_object_or_404(
        Booking.objects.select_related("patient", "practitioner", "treatment"), reference=reference
    )


@never_cache
def done(request: HttpRequest, reference: str) -> HttpResponse:
    """What was booked, in the words it was booked with. It reads the same whether or not
    the email address has booked here before, so it tells no one who is a patient."""
    booking = _booking_in_session(request, reference)
    secret = request.GET.get("token", "")
    opened = services.booking_for_manage_secret(reference=reference, secret=secret)
    return render(
        request,
        "bookings/book/done.html",
        {
            "booking": booking,
            "step": 5,
            "flags": _cautions_told(booking),
            "manage_url": booking.manage_url(secret) if opened == booking else "",
        },
    )


def _cautions_told(booking: Booking) -> list[str]:
    """The cautions the patient told us about, in their words, for the confirmation."""
    return [f.reason for f in booking.screening_result.findings]


@never_cache
def done_ics(request: HttpRequest, reference: str) -> HttpResponse:
    return ics_download(_booking_in_session(request, reference))
