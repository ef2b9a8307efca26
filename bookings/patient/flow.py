"""The patient's side of booking: the flow under /book/, manage links, "my bookings" and
the availability API. Views parse the request, call a selector or a service, render."""

import hmac
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from bookings import emails, screening, services
from bookings.ics import patient_ics
from bookings.models import Booking, Patient, ScreeningStop, Treatment
from bookings.patient.forms import (
    ANY,
    AvailabilityQueryForm,
    CancelForm,
    ChoiceForm,
    DateQueryForm,
    DetailsForm,
    MoveForm,
    SignInLinkForm,
    parse_start,
)
from bookings.selectors import bookable_practitioners, offers_by_day
from clinic.clock import local_date, local_today
from clinic.models import Condition

DAYS_SHOWN = 14
SESSION_BOOKED = "booked_references"
SIGN_IN_SALT = "bookings.my-bookings-link"
SIGN_IN_MAX_AGE = 30 * 60


def booking_rate(group, request):
    return settings.BOOKING_RATE_LIMIT


def signin_rate(group, request):
    return settings.SIGNIN_LINK_RATE_LIMIT


def _query(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v})


def _day_window():
    first = local_today()
    return first, first + timedelta(days=DAYS_SHOWN - 1)


def _time_page_context(*, treatment, practitioner, condition, chosen_day, exclude_booking=None):
    """The day strip and the chosen day's times, shared by booking and moving."""
    practitioners = (
        [practitioner] if practitioner else list(bookable_practitioners(treatment, condition))
    )
    first, last = _day_window()
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


# --- Step 1: treatment ------------------------------------------------------------------


def choose_treatment(request):
    condition = Condition.objects.published().filter(slug=request.GET.get("condition", "")).first()
    return render(
        request,
        "bookings/book/treatment.html",
        {"treatments": Treatment.objects.active(), "condition": condition, "step": 1},
    )


# --- Step 2: practitioner ---------------------------------------------------------------


def choose_practitioner(request):
    form = ChoiceForm(request.GET)
    if not form.is_valid() and "treatment" in form.errors:
        return _start_again(request, form)
    treatment, condition = form.cleaned_data["treatment"], form.cleaned_data.get("condition", "")
    practitioners = list(bookable_practitioners(treatment, condition).prefetch_related("languages"))
    if condition and not practitioners:
        # Nobody lists this condition as a specialty: offer everyone rather than nothing.
        practitioners, condition_note = list(bookable_practitioners(treatment)), True
    else:
        condition_note = False
    first, last = _day_window()
    days = offers_by_day(treatment, practitioners, first, last, timezone.now())
    next_free = {}
    for offers in days.values():
        for offer in offers:
            next_free.setdefault(offer.practitioner.pk, offer.start)
    return render(
        request,
        "bookings/book/practitioner.html",
        {
            "step": 2,
            "treatment": treatment,
            "practitioners": [(p, next_free.get(p.pk)) for p in practitioners],
            "condition": Condition.objects.filter(slug=condition).first() if condition else None,
            "condition_note": condition_note,
            "conditions": Condition.objects.published(),
            "base_query": _query(treatment=treatment.slug, condition=condition),
        },
    )


# --- Step 3: day and time ---------------------------------------------------------------


def choose_time(request):
    form = ChoiceForm(request.GET)
    if not form.is_valid():
        return _start_again(request, form)
    data = form.cleaned_data
    treatment, practitioner = data["treatment"], data["practitioner_obj"]
    if practitioner is None and data["practitioner"] != ANY:
        return redirect(
            reverse("bookings:practitioner")
            + "?"
            + _query(treatment=treatment.slug, condition=data["condition"])
        )
    context = _time_page_context(
        treatment=treatment,
        practitioner=practitioner,
        condition=data["condition"],
        chosen_day=data["date"],
    )
    return render(
        request,
        "bookings/book/time.html",
        {
            "step": 3,
            "treatment": treatment,
            "practitioner": practitioner,
            "practitioner_slug": practitioner.slug if practitioner else ANY,
            "condition": data["condition"],
            **context,
        },
    )


def _start_again(request, form):
    return render(request, "bookings/book/start_again.html", {"errors": form.errors}, status=400)


# --- Step 4: details, screening, consent ------------------------------------------------


def _taken_page(request, *, treatment, practitioner, start, message, status=409):
    """The time went while the patient was typing: say so plainly and show fresh times."""
    context = _time_page_context(
        treatment=treatment, practitioner=practitioner, condition="", chosen_day=local_date(start)
    )
    return render(
        request,
        "bookings/book/taken.html",
        {
            "treatment": treatment,
            "practitioner": practitioner,
            "practitioner_slug": practitioner.slug,
            "message": message,
            "condition": "",
            "step": 3,
            **context,
        },
        status=status,
    )


@method_decorator(never_cache, name="dispatch")
@method_decorator(ratelimit(key="ip", rate=booking_rate, method="POST", block=True), name="post")
class DetailsView(View):
    template_name = "bookings/book/details.html"

    def get(self, request):
        form = ChoiceForm(request.GET)
        start = parse_start(request.GET.get("start", ""))
        if not form.is_valid() or form.cleaned_data["practitioner_obj"] is None or start is None:
            return _start_again(request, form)
        treatment, practitioner = (
            form.cleaned_data["treatment"],
            form.cleaned_data["practitioner_obj"],
        )
        offers = offers_by_day(
            treatment, [practitioner], local_date(start), local_date(start), timezone.now()
        )
        if start not in {o.start for day in offers.values() for o in day}:
            return _taken_page(
                request,
                treatment=treatment,
                practitioner=practitioner,
                start=start,
                message="Sorry, that time is no longer free. Here are the times that are.",
            )
        form = DetailsForm(
            initial={
                "treatment": treatment.slug,
                "practitioner": practitioner.slug,
                "start": start.isoformat(),
                "idempotency_key": DetailsForm.new_idempotency_key(),
            }
        )
        return self._render(request, form, treatment, practitioner, start)

    def post(self, request):
        form = DetailsForm(request.POST)
        valid = form.is_valid()
        if form.has_warning_sign():
            # Stop at once, whatever else is unfinished on the form. Nothing about the
            # patient is kept: only that the advice was shown.
            ScreeningStop.objects.create(screening_version=screening.VERSION)
            return render(
                request, "bookings/book/stop.html", {"advice": screening.URGENT_CARE_ADVICE}
            )
        if not valid:
            if "treatment_obj" not in form.cleaned_data:
                return render(
                    request,
                    "bookings/book/start_again.html",
                    {"errors": form.non_field_errors()},
                    status=400,
                )
            d = form.cleaned_data
            return self._render(
                request, form, d["treatment_obj"], d["practitioner_obj"], d["start_dt"], status=400
            )
        d = form.cleaned_data
        try:
            booking = services.book(
                practitioner=d["practitioner_obj"],
                treatment=d["treatment_obj"],
                start=d["start_dt"],
                patient=form.patient_details,
                screening_answers=form.answers,
                consented=d["consent"],
                patient_note=d["patient_note"],
                idempotency_key=d["idempotency_key"],
            )
        except services.SlotUnavailable as error:
            return _taken_page(
                request,
                treatment=d["treatment_obj"],
                practitioner=d["practitioner_obj"],
                start=d["start_dt"],
                message=_taken_message(error),
            )
        except services.BookingError as error:
            form.add_error(None, str(error))
            return self._render(
                request, form, d["treatment_obj"], d["practitioner_obj"], d["start_dt"], status=400
            )
        booked = request.session.get(SESSION_BOOKED, [])
        request.session[SESSION_BOOKED] = [*booked[-9:], booking.reference]
        return redirect("bookings:done", reference=booking.reference)

    def _render(self, request, form, treatment, practitioner, start, status=200):
        return render(
            request,
            self.template_name,
            {
                "step": 4,
                "form": form,
                "treatment": treatment,
                "practitioner": practitioner,
                "start": start,
                "back_query": _query(
                    treatment=treatment.slug,
                    practitioner=practitioner.slug,
                    date=local_date(start).isoformat(),
                ),
            },
            status=status,
        )


def _taken_message(error: services.SlotUnavailable) -> str:
    if error.problem.name == "TAKEN":
        return "Sorry, that time was just taken by someone else. Here are the times still free."
    return f"Sorry, that time can no longer be booked: {error} Here are the times that are free."


def _booking_in_session(request, reference) -> Booking:
    if reference not in request.session.get(SESSION_BOOKED, []):
        raise Http404
    return get_object_or_404(
        Booking.objects.select_related("patient", "practitioner", "treatment"), reference=reference
    )


@never_cache
def done(request, reference):
    booking = _booking_in_session(request, reference)
    return render(
        request,
        "bookings/book/done.html",
        {"booking": booking, "step": 5, "flags": screening.flags_for_keys(booking.caution_keys)},
    )


def _ics_response(booking):
    response = HttpResponse(patient_ics(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.reference}.ics"'
    return response


@never_cache
def done_ics(request, reference):
    return _ics_response(_booking_in_session(request, reference))


# --- Manage link ------------------------------------------------------------------------


def _managed_booking(request, reference) -> Booking:
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
def manage(request, reference):
    booking = _managed_booking(request, reference)
    return render(
        request,
        "bookings/manage/detail.html",
        {
            "booking": booking,
            "can_change": booking.can_change_online(),
            "cancel_form": CancelForm(),
        },
    )


@never_cache
def manage_ics(request, reference):
    return _ics_response(_managed_booking(request, reference))


@never_cache
def manage_cancel(request, reference):
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
def manage_move(request, reference):
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
    context = _time_page_context(
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


# --- My bookings ------------------------------------------------------------------------


@never_cache
@ratelimit(key="ip", rate=signin_rate, method="POST", block=True)
def my_bookings_request(request):
    """Ask for a sign-in link. The answer is the same whether or not the address is known,
    so the form cannot be used to find out who is a patient here."""
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if Patient.objects.filter(email=email).exists():
            token = signing.dumps({"email": email}, salt=SIGN_IN_SALT)
            emails.sign_in_link(
                to=email, link=settings.SITE_URL + reverse("bookings:my_bookings", args=[token])
            )
        return render(request, "bookings/my_bookings/sent.html", {"email": email})
    return render(request, "bookings/my_bookings/request.html", {"form": form})


@never_cache
def my_bookings(request, token):
    try:
        email = signing.loads(token, salt=SIGN_IN_SALT, max_age=SIGN_IN_MAX_AGE)["email"]
    except (signing.BadSignature, KeyError, TypeError):
        return render(request, "bookings/my_bookings/expired.html", status=400)
    bookings = (
        Booking.objects.filter(patient__email=email)
        .select_related("practitioner", "treatment")
        .order_by("-start")
    )
    now = timezone.now()
    return render(
        request,
        "bookings/my_bookings/list.html",
        {
            "upcoming": sorted(
                [b for b in bookings if b.start >= now and b.is_active], key=lambda b: b.start
            ),
            "past": [b for b in bookings if b.start < now or not b.is_active],
        },
    )


# --- Availability API -------------------------------------------------------------------


@require_GET
def availability_api(request):
    """Free start times for one practitioner (or "any") and service on one local date."""
    form = AvailabilityQueryForm(request.GET)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse(
            {"error": "Bad parameter: " + ", ".join(errors), "fields": errors}, status=400
        )
    d = form.cleaned_data
    practitioners = (
        [d["practitioner_obj"]]
        if d["practitioner_obj"]
        else list(bookable_practitioners(d["service"]))
    )
    offers = offers_by_day(d["service"], practitioners, d["date"], d["date"], timezone.now())[
        d["date"]
    ]
    return JsonResponse(
        {
            "slots": [o.start.isoformat() for o in offers],
            # Who is free at each time (the first in directory order for "any").
            "offers": [
                {
                    "start": o.start.isoformat(),
                    "practitioner": o.practitioner.slug,
                    "practitioner_name": o.practitioner.name,
                }
                for o in offers
            ],
        }
    )
