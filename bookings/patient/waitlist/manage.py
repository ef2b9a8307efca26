"""Joining the waiting list, and the private link to change or leave it. Nothing here
asks health questions: those come with an offer, at the details step."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from bookings import services
from bookings.models import Treatment, WaitlistEntry, WaitlistOffer
from bookings.patient.choices import ChoiceForm
from bookings.patient.flow import booking_rate
from bookings.patient.waitlist.forms import ANY, JoinForm, WishesForm
from clinic import tokens
from clinic.clock import local_today

SESSION_JOINED = "waitlist_joined"
DEFAULT_WEEKS = 4  # the "until when" first shown; the patient changes it


def _treatment_from(data) -> Treatment | None:
    return Treatment.objects.active().filter(slug=data.get("treatment", "")).first()


@never_cache
@ratelimit(key="ip", rate=booking_rate, method="POST", block=True)
def join(request: HttpRequest) -> HttpResponse:
    """The form, reached from the time and practitioner steps with their choices."""
    if request.method == "POST":
        form = JoinForm(request.POST, treatment=_treatment_from(request.POST))
        if form.is_valid():
            d = form.cleaned_data
            try:
                entry = services.join_waitlist(
                    first_name=d["first_name"],
                    last_name=d["last_name"],
                    email=d["email"],
                    wishes=form.wishes(d["treatment"]),
                )
            except services.BookingError as error:
                form.add_error(None, str(error))
            else:
                request.session[SESSION_JOINED] = entry.email
                return redirect("bookings:waitlist_joined")
        return render(request, "bookings/waitlist/join.html", {"form": form}, status=400)
    choice = ChoiceForm(request.GET)
    choice.is_valid()
    chosen = choice.cleaned_data
    practitioner = chosen.get("practitioner_obj")
    form = JoinForm(
        treatment=chosen.get("treatment"),
        initial={
            "treatment": chosen["treatment"].slug if chosen.get("treatment") else None,
            "practitioner": practitioner.slug if practitioner else ANY,
            "condition": chosen.get("condition") or "",
            "until": local_today() + timedelta(days=DEFAULT_WEEKS * 7),
        },
    )
    return render(request, "bookings/waitlist/join.html", {"form": form})


@never_cache
def joined(request: HttpRequest) -> HttpResponse:
    email = request.session.get(SESSION_JOINED)
    if email is None:
        return redirect("bookings:waitlist_join")
    return render(
        request,
        "bookings/waitlist/joined.html",
        {"email": email, "offer_minutes": settings.OFFER_MINUTES},
    )


def _entry(request: HttpRequest, reference: str) -> tuple[WaitlistEntry, str]:
    """The entry whose secret came with the request; otherwise 404, as for an unknown
    reference, so a wrong secret reveals nothing."""
    secret = request.POST.get("token") or request.GET.get("token") or ""
    entry = (
        WaitlistEntry.objects.select_related("treatment", "practitioner", "condition")
        .filter(reference=reference)
        .first()
    )
    if entry is None or not tokens.matches(secret, entry.token_hash):
        raise Http404
    return entry, secret


@never_cache
def manage(request: HttpRequest, reference: str) -> HttpResponse:
    entry, secret = _entry(request, reference)
    if request.method == "POST" and entry.status == WaitlistEntry.Status.WAITING:
        form = WishesForm(request.POST, treatment=entry.treatment)
        if form.is_valid():
            try:
                services.change_wishes(entry=entry, wishes=form.wishes(entry.treatment))
            except services.BookingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Saved. We will offer you times that suit you now.")
                return redirect(entry.manage_url(secret))
        status = 400
    else:
        form = WishesForm(treatment=entry.treatment, initial=WishesForm.initial_for(entry))
        status = 200
    return render(
        request,
        "bookings/waitlist/manage.html",
        {
            "entry": entry,
            "form": form,
            "token": secret,
            "open_offer": entry.offers.filter(
                status=WaitlistOffer.Status.PENDING, expires_at__gt=timezone.now()
            ).first(),
        },
        status=status,
    )


@never_cache
@require_POST
def leave(request: HttpRequest, reference: str) -> HttpResponse:
    entry, _ = _entry(request, reference)
    services.leave_waitlist(entry=entry)
    return render(request, "bookings/waitlist/left.html")
