"""Holding a chosen time, and answering a waiting-list offer through the usual details
step (health screening, consent) and the same booking service."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from bookings import services
from bookings.forms import parse_start
from bookings.models import WaitlistOffer
from bookings.patient.choices import ChoiceForm
from bookings.patient.common import browser_holder, query, screening_stop, time_page_context
from bookings.patient.confirmation import remember_booking
from bookings.patient.flow import booking_rate
from bookings.patient.forms import DetailsForm
from clinic import tokens
from clinic.clock import local_date


def hold_rate(group, request) -> str:
    return settings.HOLD_RATE_LIMIT


def _fresh_times(request, *, treatment, practitioner, day, template, status, **context):
    """A page with what went wrong and the times free now (the time page's own pieces),
    on `day`, or on the first day with a free time when it is None."""
    times = time_page_context(
        treatment=treatment,
        practitioner=practitioner,
        condition="",
        chosen_day=day,
        link_params={"treatment": treatment.slug, "practitioner": practitioner.slug},
        exclude_holder=browser_holder(request),
    )
    return render(
        request,
        template,
        {
            "treatment": treatment,
            "practitioner": practitioner,
            "practitioner_slug": practitioner.slug,
            "condition": "",
            "step": 3,
            **times,
            **context,
        },
        status=status,
    )


@never_cache
@require_POST
@ratelimit(key="ip", rate=hold_rate, method="POST", block=True)
def hold(request: HttpRequest) -> HttpResponse:
    """Choosing a time: hold it for this browser, then ask for the details. A POST, so
    that no link, crawler or preview ever holds a time."""
    form = ChoiceForm(request.GET)
    start = parse_start(request.GET.get("start", ""))
    if not form.is_valid() or form.cleaned_data["practitioner_obj"] is None or start is None:
        return render(
            request, "bookings/book/start_again.html", {"errors": form.errors}, status=400
        )
    treatment, practitioner = form.cleaned_data["treatment"], form.cleaned_data["practitioner_obj"]
    try:
        services.hold_time(
            practitioner=practitioner,
            treatment=treatment,
            start=start,
            holder=browser_holder(request, create=True),
        )
    except services.BookingError as error:
        taken = isinstance(error, services.SlotUnavailable) and error.problem.name == "TAKEN"
        return _fresh_times(
            request,
            treatment=treatment,
            practitioner=practitioner,
            day=local_date(start),
            template="bookings/book/taken.html",
            status=409,
            heading="That time is no longer free",
            message=(
                "Sorry, someone else has just chosen that time. Here are the times still free."
                if taken
                else f"Sorry, that time cannot be booked: {error} Here are the times that can."
            ),
        )
    details = query(
        treatment=treatment.slug,
        practitioner=practitioner.slug,
        condition=form.cleaned_data["condition"],
        start=start.isoformat(),
    )
    return redirect(reverse("bookings:details") + "?" + details)


# --- Offers from the waiting list -------------------------------------------------------


def _offer(request: HttpRequest, reference: str) -> tuple[WaitlistOffer, str]:
    """The offer whose secret came with the request, and that secret; otherwise 404, as
    for an unknown reference, so a wrong secret reveals nothing."""
    secret = request.POST.get("token") or request.GET.get("token") or ""
    offer = (
        WaitlistOffer.objects.select_related("entry", "practitioner", "treatment", "booking")
        .filter(reference=reference)
        .first()
    )
    if offer is None or not tokens.matches(secret, offer.token_hash):
        raise Http404
    return offer, secret


def _offer_page(request, offer, secret, *, message="", status=200):
    return render(
        request,
        "bookings/waitlist/offer.html",
        {
            "offer": offer,
            "token": secret,
            "is_open": offer.status == WaitlistOffer.Status.PENDING
            and offer.expires_at > timezone.now(),
            "message": message,
        },
        status=status,
    )


@never_cache
def offer(request: HttpRequest, reference: str) -> HttpResponse:
    return _offer_page(request, *_offer(request, reference))


@never_cache
@require_POST
def offer_decline(request: HttpRequest, reference: str) -> HttpResponse:
    offer, secret = _offer(request, reference)
    try:
        offer = services.decline_offer(offer=offer)
    except services.OfferClosed as error:
        return _offer_page(request, offer, secret, message=str(error))
    return _offer_page(request, offer, secret)


@never_cache
@require_POST
def offer_leave(request: HttpRequest, reference: str) -> HttpResponse:
    offer, _ = _offer(request, reference)
    services.leave_waitlist(entry=offer.entry)
    return render(request, "bookings/waitlist/left.html")


@never_cache
@ratelimit(key="ip", rate=booking_rate, method="POST", block=True)
def offer_book(request: HttpRequest, reference: str) -> HttpResponse:
    """The details step for an offered time: the same form, questions and consent as any
    booking, answered only now."""
    offer, secret = _offer(request, reference)
    if offer.status in (WaitlistOffer.Status.ACCEPTED, WaitlistOffer.Status.DECLINED):
        return _offer_page(request, offer, secret)
    if request.method != "POST":
        form = DetailsForm(
            initial={
                "treatment": offer.treatment.slug,
                "practitioner": offer.practitioner.slug,
                "start": offer.start.isoformat(),
                "idempotency_key": DetailsForm.new_idempotency_key(),
                "first_name": offer.entry.first_name,
                "last_name": offer.entry.last_name,
                "email": offer.entry.email,
            }
        )
        return _details(request, offer, secret, form)
    form = DetailsForm(request.POST)
    valid = form.is_valid()
    if stopped := screening_stop(request, form):  # as on the booking form
        return stopped
    if not valid:
        return _details(request, offer, secret, form, status=400)
    return _accept(request, offer, secret, form)


def _accept(request, offer, secret, form):
    d = form.cleaned_data
    try:
        booking = services.accept_offer(
            offer=offer,
            patient=form.patient_details,
            screening_answers=form.answers,
            consented=d["consent"],
            patient_note=d["patient_note"],
            idempotency_key=d["idempotency_key"],
        )
    except services.SlotUnavailable:
        return _fresh_times(
            request,
            treatment=offer.treatment,
            practitioner=offer.practitioner,
            day=None,  # the offered day has just filled up
            template="bookings/waitlist/offer_gone.html",
            status=409,
            waitlist_offer=offer,
            token=secret,
        )
    except services.OfferClosed as error:
        offer.refresh_from_db()
        return _offer_page(request, offer, secret, message=str(error), status=409)
    except services.BookingError as error:
        form.add_error(None, str(error))
        return _details(request, offer, secret, form, status=400)
    remember_booking(request, booking)
    return redirect("bookings:done", reference=booking.reference)


def _details(request, offer, secret, form, status=200):
    return render(
        request,
        "bookings/book/details.html",
        {
            "step": 4,
            "form": form,
            "treatment": offer.treatment,
            "practitioner": offer.practitioner,
            "start": offer.start,
            "offer": offer,
            "offer_open": offer.status == WaitlistOffer.Status.PENDING
            and offer.expires_at > timezone.now(),
            "form_action": reverse(
                "bookings:waitlist_offer_book", kwargs={"reference": offer.reference}
            )
            + "?"
            + query(token=secret),
            "back_query": query(
                treatment=offer.treatment.slug,
                practitioner=offer.practitioner.slug,
                date=local_date(offer.start).isoformat(),
            ),
        },
        status=status,
    )
