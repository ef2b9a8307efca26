"""The patient's private manage link: see, download, cancel or move a booking. The secret
token in the link is the only key (DESIGN.md: no password needed)."""

import hmac
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from bookings import services
from bookings.courses.forms import OutcomeForm
from bookings.forms import DateQueryForm
from bookings.models import Booking
from bookings.patient.common import ics_download, time_page_context
from bookings.patient.forms import CancelForm, MoveForm
from bookings.patient.outcome_views import scores_context
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


@never_cache
def manage(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _managed_booking(request, reference)
    return render(
        request,
        "bookings/manage/detail.html",
        {
            "booking": booking,
            "can_change": booking.can_change_online(),
            "cancel_form": CancelForm(),
            **scores_context(request, booking),
        },
    )


@never_cache
def manage_ics(request: HttpRequest, reference: str) -> HttpResponse:
    return ics_download(_managed_booking(request, reference))


@never_cache
def manage_cancel(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _managed_booking(request, reference)
    if request.method != "POST":
        return redirect(booking.manage_url)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            booking = services.cancel(booking=booking, reason=form.cleaned_data["reason"])
        except services.BookingError as error:
            messages.error(request, str(error))
            return redirect(booking.manage_url)
        messages.success(request, "Your booking is cancelled. We have emailed you to confirm.")
    return redirect(booking.manage_url)


@never_cache
def manage_move(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _managed_booking(request, reference)
    if not booking.can_change_online():
        return redirect(booking.manage_url)
    error = None
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            try:
                services.reschedule(booking=booking, new_start=form.cleaned_data["start"])
            except services.BookingError as exc:
                error = str(exc)
            else:
                messages.success(
                    request, "Your booking has moved. We have emailed you the new time."
                )
                return redirect(booking.manage_url)
        else:
            error = "Please choose one of the times shown."
    chosen_day = DateQueryForm.parse(request.GET)
    context = time_page_context(
        treatment=booking.treatment,
        practitioner=booking.practitioner,
        condition="",
        chosen_day=chosen_day or local_date(booking.start),
        exclude_booking=booking,
    )
    return render(
        request,
        "bookings/manage/move.html",
        {"booking": booking, "error": error, **context},
        status=409 if error else 200,
    )


@never_cache
def give_scores(request: HttpRequest, reference: str) -> HttpResponse:
    """The patient's scores before a session, from the form on the manage page."""
    booking = _managed_booking(request, reference)
    # Back to the manage page with the token the patient brought, not one read from the booking.
    back = reverse("bookings:manage", args=[reference])
    back += f"?{urlencode({'token': request.POST.get('token', '')})}#how-are-you"
    if request.method != "POST":
        return redirect(back)
    form = OutcomeForm.for_booking(booking, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    try:
        services.record_outcome(booking=booking, scores=form.scores())
    except services.BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you. Your practitioner will see your answers.")
    return redirect(back)
