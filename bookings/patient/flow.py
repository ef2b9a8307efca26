"""The patient's booking flow under /book/: treatment, practitioner, day and time, details
with the health screening, and the confirmation. Views parse the request, call a selector
or a service, and render."""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from bookings import services
from bookings.forms import parse_start
from bookings.models import Treatment
from bookings.patient.choices import ANY, ChoiceForm
from bookings.patient.common import (
    browser_holder,
    hold_on,
    query,
    refusal_text,
    screening_stop,
    time_page_context,
)
from bookings.patient.confirmation import remember_booking
from bookings.patient.forms import DetailsForm
from bookings.selectors import next_free_times, practitioners_for
from clinic.clock import local_date
from clinic.models import Condition
from clinic.page_cache import cached_for_visitors


def booking_rate(group, request) -> str:
    return settings.BOOKING_RATE_LIMIT


# --- Step 1: treatment ------------------------------------------------------------------


@cached_for_visitors
def choose_treatment(request: HttpRequest) -> HttpResponse:
    condition = Condition.objects.published().filter(slug=request.GET.get("condition", "")).first()
    return render(
        request,
        "bookings/book/treatment.html",
        {"treatments": Treatment.objects.active(), "condition": condition, "step": 1},
    )


# --- Step 2: practitioner ---------------------------------------------------------------


@cached_for_visitors
def choose_practitioner(request: HttpRequest) -> HttpResponse:
    form = ChoiceForm(request.GET)
    if not form.is_valid() and "treatment" in form.errors:
        return _start_again(request, form)
    treatment, condition = form.cleaned_data["treatment"], form.cleaned_data.get("condition", "")
    practitioners, narrowed = practitioners_for(treatment, condition)
    prefetch_related_objects(practitioners, "languages")
    next_free = next_free_times(practitioners, treatment, timezone.now())
    return render(
        request,
        "bookings/book/practitioner.html",
        {
            "step": 2,
            "treatment": treatment,
            "practitioners": [(p, next(iter(next_free[p.pk]), None)) for p in practitioners],
            "condition": Condition.objects.filter(slug=condition).first() if condition else None,
            "condition_note": bool(condition) and not narrowed,
            "conditions": Condition.objects.listing(),
            "base_query": query(treatment=treatment.slug, condition=condition),
        },
    )


# --- Step 3: day and time ---------------------------------------------------------------


@cached_for_visitors
def choose_time(request: HttpRequest) -> HttpResponse:
    form = ChoiceForm(request.GET)
    if not form.is_valid():
        return _start_again(request, form)
    data = form.cleaned_data
    treatment, practitioner = data["treatment"], data["practitioner_obj"]
    if practitioner is None and data["practitioner"] != ANY:
        return redirect(
            reverse("bookings:practitioner")
            + "?"
            + query(treatment=treatment.slug, condition=data["condition"])
        )
    slug = practitioner.slug if practitioner else ANY
    context = time_page_context(
        treatment=treatment,
        practitioner=practitioner,
        condition=data["condition"],
        chosen_day=data["date"],
        exclude_holder=browser_holder(request),
        link_params={
            "treatment": treatment.slug,
            "practitioner": slug,
            "condition": data["condition"],
        },
    )
    return render(
        request,
        "bookings/book/time.html",
        {
            "step": 3,
            "treatment": treatment,
            "practitioner": practitioner,
            "practitioner_slug": slug,
            "condition": data["condition"],
            **context,
        },
    )


def _start_again(request, form):
    return render(request, "bookings/book/start_again.html", {"errors": form.errors}, status=400)


# --- Step 4: details, screening, consent ------------------------------------------------


def _taken_page(request, *, treatment, practitioner, condition, start, problem, status=409):
    """The chosen time cannot be booked: say why plainly and show fresh times."""
    context = time_page_context(
        treatment=treatment,
        practitioner=practitioner,
        condition=condition,
        chosen_day=local_date(start),
        link_params={
            "treatment": treatment.slug,
            "practitioner": practitioner.slug,
            "condition": condition,
        },
    )
    heading, message = refusal_text(problem)
    return render(
        request,
        "bookings/book/taken.html",
        {
            "treatment": treatment,
            "practitioner": practitioner,
            "practitioner_slug": practitioner.slug,
            "heading": heading,
            "message": message,
            "condition": condition,
            "step": 3,
            **context,
        },
        status=status,
    )


@method_decorator(never_cache, name="dispatch")
@method_decorator(ratelimit(key="ip", rate=booking_rate, method="POST", block=True), name="post")
class DetailsView(View):
    template_name = "bookings/book/details.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ChoiceForm(request.GET)
        start = parse_start(request.GET.get("start", ""))
        if not form.is_valid() or form.cleaned_data["practitioner_obj"] is None or start is None:
            return _start_again(request, form)
        treatment, practitioner = (
            form.cleaned_data["treatment"],
            form.cleaned_data["practitioner_obj"],
        )
        condition = form.cleaned_data["condition"]
        try:
            services.check_time(
                practitioner=practitioner,
                treatment=treatment,
                start=start,
                by_staff=False,
                exclude_holder=browser_holder(request),
            )
        except services.SlotUnavailable as error:
            return _taken_page(
                request,
                treatment=treatment,
                practitioner=practitioner,
                condition=condition,
                start=start,
                problem=error.problem,
            )
        form = DetailsForm(
            initial={
                "treatment": treatment.slug,
                "practitioner": practitioner.slug,
                "start": start.isoformat(),
                "condition": condition,
                "idempotency_key": DetailsForm.new_idempotency_key(),
            }
        )
        return self._render(request, form, treatment, practitioner, start, condition)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DetailsForm(request.POST)
        valid = form.is_valid()
        if stopped := screening_stop(request, form):
            return stopped
        if "treatment_obj" not in form.cleaned_data:
            errors = form.non_field_errors()
            return render(request, "bookings/book/start_again.html", {"errors": errors}, status=400)
        d = form.cleaned_data
        chosen = (d["treatment_obj"], d["practitioner_obj"], d["start_dt"], d["condition"])
        if not valid:
            return self._render(request, form, *chosen, status=400)
        try:
            booking, secret = services.book_with_manage_secret(
                practitioner=d["practitioner_obj"],
                treatment=d["treatment_obj"],
                start=d["start_dt"],
                patient=form.patient_details,
                screening_answers=form.answers,
                consented=d["consent"],
                patient_note=d["patient_note"],
                idempotency_key=d["idempotency_key"],
                holder=browser_holder(request),
            )
        except services.SlotUnavailable as error:
            treatment, practitioner, start, condition = chosen
            return _taken_page(
                request,
                treatment=treatment,
                practitioner=practitioner,
                condition=condition,
                start=start,
                problem=error.problem,
            )
        except services.BookingError as error:
            form.add_error(None, str(error))
            return self._render(request, form, *chosen, status=400)
        remember_booking(request, booking)
        # The confirmation page shows the manage link; its secret travels only in this
        # address (the database keeps its digest), as it does in the emailed link.
        return redirect(reverse("bookings:done", args=[booking.reference]) + f"?token={secret}")

    def _render(self, request, form, treatment, practitioner, start, condition, status=200):
        return render(
            request,
            self.template_name,
            {
                "step": 4,
                "form": form,
                "treatment": treatment,
                "practitioner": practitioner,
                "start": start,
                "condition": condition,
                "back_query": query(
                    treatment=treatment.slug,
                    practitioner=practitioner.slug,
                    condition=condition,
                    date=local_date(start).isoformat(),
                ),
                "hold": hold_on(request, treatment, practitioner, start),
                "hold_query": query(
                    treatment=treatment.slug,
                    practitioner=practitioner.slug,
                    start=start.isoformat(),
                ),
            },
            status=status,
        )
