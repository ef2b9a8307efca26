"""The patient's private manage link: see, download, cancel or move a booking. The secret
token in the link is the only key (DESIGN.md: no password needed)."""

import hmac

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from bookings import services
from bookings.forms import DateQueryForm
from bookings.models import Booking
from bookings.patient.common import ics_download, time_page_context
from bookings.patient.forms import CancelForm, MoveForm
from clinic.clock import local_date


def _managed_booking(request: HttpRequest, reference: str) -> Booking:
    """The booking whose secret token came with the request; otherwise 404, exactly as for
    an unknown reference, so a wrong token reveals nothing."""
    token = request.POST.get("token") or request.GET.get("token") or ""
    booking = (
        Booking.objects.select_related("patient", "practitioner", "treatment")
        .filter(reference=reference)
        .first()
    )
    if booking is None or not hmac.compare_digest(booking.manage_token.encode(), token.encode()):
        raise Http404
    return booking


def _manage_page(request: HttpRequest, booking: Booking, cancel_form=None, status=200):
    return render(
        request,
        "bookings/manage/detail.html",
        {
            "booking": booking,
            "can_change": booking.can_change_online(),
            "cancel_form": cancel_form or CancelForm(),
        },
        status=status,
    )


@never_cache
def manage(request: HttpRequest, reference: str) -> HttpResponse:
    return _manage_page(request, _managed_booking(request, reference))


@never_cache
def manage_ics(request: HttpRequest, reference: str) -> HttpResponse:
    return ics_download(_managed_booking(request, reference))


@never_cache
def manage_cancel(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _managed_booking(request, reference)
    if request.method != "POST":
        return redirect(booking.manage_url)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, booking, cancel_form=form, status=400)
    try:
        booking = services.cancel(booking=booking, reason=form.cleaned_data["reason"])
    except services.BookingError as error:
        messages.error(request, str(error))
        return redirect(booking.manage_url)
    messages.success(request, "Your booking is cancelled. We have emailed you to confirm.")
    return redirect(booking.manage_url)


@never_cache
def manage_move(request: HttpRequest, reference: str) -> HttpResponse:
    """Choose a new time (a link per time), confirm it on a page of its own, then move.
    Nothing changes until the patient presses the confirm button."""
    booking = _managed_booking(request, reference)
    if not booking.can_change_online():
        return redirect(booking.manage_url)
    form = MoveForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_bound or not form.data.get("start"):
        return _move_times(request, booking, DateQueryForm.parse(request.GET))
    if not form.is_valid():
        return _move_times(request, booking, None, error="Please choose one of the times shown.")
    new_start = form.cleaned_data["start"]
    try:
        if request.method != "POST":
            services.check_move(booking=booking, new_start=new_start)
            return render(
                request,
                "bookings/manage/move_confirm.html",
                {"booking": booking, "new_start": new_start},
            )
        services.reschedule(booking=booking, new_start=new_start)
    except services.BookingError as error:
        return _move_times(request, booking, local_date(new_start), error=str(error))
    messages.success(request, "Your booking has moved. We have emailed you the new time.")
    return redirect(booking.manage_url)


def _move_times(request, booking: Booking, chosen_day, *, error: str | None = None):
    context = time_page_context(
        treatment=booking.treatment,
        practitioner=booking.practitioner,
        condition="",
        chosen_day=chosen_day or local_date(booking.start),
        link_params={"token": booking.manage_token},
        exclude_booking=booking,
    )
    return render(
        request,
        "bookings/manage/move.html",
        {"booking": booking, "error": error, **context},
        status=409 if error else 200,
    )
