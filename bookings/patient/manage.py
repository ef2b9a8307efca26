"""The patient's private manage link: see, download, cancel or move a booking; and the
link that adds a booking to the patient record of its email address. The secret in the
link is the only key (DESIGN.md: no password needed); the database keeps only its digest."""

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
from bookings.patient.common import ics_download, signed_in_email, time_page_context
from bookings.patient.forms import CancelForm, MoveForm
from bookings.patient.outcome_views import scores_context
from bookings.selectors import bookings_for_email
from clinic.clock import local_date


def _managed_booking(request: HttpRequest, reference: str) -> tuple[Booking, str]:
    """The booking whose secret came with the request (or one of the bookings of the
    address signed in to "my bookings"), and the secret; otherwise 404, exactly as for an
    unknown reference, so a wrong secret reveals nothing."""
    secret = request.POST.get("token") or request.GET.get("token") or ""
    booking = services.booking_for_manage_secret(reference=reference, secret=secret)
    email = signed_in_email(request)
    if booking is None and email:
        booking = bookings_for_email(email).filter(reference=reference).first()
    if booking is None:
        raise Http404
    return booking, secret


def _manage_page(request, booking: Booking, secret: str, cancel_form=None, status=200):
    return render(
        request,
        "bookings/manage/detail.html",
        {
            "booking": booking,
            "token": secret,
            "can_change": booking.can_change_online(),
            "cancel_form": cancel_form or CancelForm(),
            **scores_context(request, booking),
        },
        status=status,
    )


@never_cache
def manage(request: HttpRequest, reference: str) -> HttpResponse:
    return _manage_page(request, *_managed_booking(request, reference))


@never_cache
def manage_ics(request: HttpRequest, reference: str) -> HttpResponse:
    return ics_download(_managed_booking(request, reference)[0])


@never_cache
def manage_cancel(request: HttpRequest, reference: str) -> HttpResponse:
    booking, secret = _managed_booking(request, reference)
    if request.method != "POST":
        return redirect(booking.manage_url(secret))
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, booking, secret, cancel_form=form, status=400)
    try:
        booking = services.cancel(booking=booking, reason=form.cleaned_data["reason"])
    except services.BookingError as error:
        messages.error(request, str(error))
        return redirect(booking.manage_url(secret))
    messages.success(request, "Your booking is cancelled. We have emailed you to confirm.")
    return redirect(booking.manage_url(secret))


@never_cache
def manage_move(request: HttpRequest, reference: str) -> HttpResponse:
    """Choose a new time (a link per time), confirm it on a page of its own, then move.
    Nothing changes until the patient presses the confirm button."""
    booking, secret = _managed_booking(request, reference)
    if not booking.can_change_online():
        return redirect(booking.manage_url(secret))
    form = MoveForm(request.POST if request.method == "POST" else request.GET)
    if not form.data.get("start"):
        return _move_times(request, booking, secret, DateQueryForm.parse(request.GET))
    if not form.is_valid():
        error = "Please choose one of the times shown."
        return _move_times(request, booking, secret, None, error=error)
    new_start = form.cleaned_data["start"]
    try:
        if request.method != "POST":
            services.check_move(booking=booking, new_start=new_start)
            return render(
                request,
                "bookings/manage/move_confirm.html",
                {"booking": booking, "token": secret, "new_start": new_start},
            )
        services.reschedule(booking=booking, new_start=new_start)
    except services.BookingError as error:
        return _move_times(request, booking, secret, local_date(new_start), error=str(error))
    messages.success(request, "Your booking has moved. We have emailed you the new time.")
    return redirect(booking.manage_url(secret))


def _move_times(request, booking: Booking, secret: str, chosen_day, *, error: str | None = None):
    context = time_page_context(
        treatment=booking.treatment,
        practitioner=booking.practitioner,
        condition="",
        chosen_day=chosen_day or local_date(booking.start),
        link_params={"token": secret},
        exclude_booking=booking,
    )
    return render(
        request,
        "bookings/manage/move.html",
        {"booking": booking, "token": secret, "error": error, **context},
        status=409 if error else 200,
    )


@never_cache
def confirm_record(request: HttpRequest, reference: str) -> HttpResponse:
    """The link in a confirmation email that adds the booking to the patient record of its
    address. A GET only asks (mail scanners follow links); the button's POST does it. The
    page shows only what was given with the booking, never what the record holds."""
    booking = Booking.objects.filter(reference=reference).first()
    secret = request.POST.get("token") or request.GET.get("token") or ""
    expired = render(request, "bookings/manage/confirm_expired.html", status=400)
    if booking is None or not services.confirm_link_is_usable(booking=booking, secret=secret):
        return expired
    if request.method != "POST":
        return render(
            request, "bookings/manage/confirm.html", {"booking": booking, "token": secret}
        )
    try:
        joined = services.confirm_by_link(booking=booking, secret=secret)
    except services.BookingError:  # used up a moment ago, by another click
        return expired
    return render(request, "bookings/manage/confirmed.html", {"booking": booking, "joined": joined})


def give_scores(request: HttpRequest, reference: str) -> HttpResponse:
    """The patient's scores before a session, from the form on the manage page."""
    booking, _ = _managed_booking(request, reference)
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
