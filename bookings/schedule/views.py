"""The practitioner's own schedule, time off and private calendar feed (/schedule/).

A practitioner sees only their own bookings: anything else answers 404, exactly like
something that does not exist. Staff may look at anyone's schedule.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bookings import screening, services
from bookings.ics import practitioner_feed
from bookings.models import Booking
from bookings.schedule.forms import VIEWS, AttendanceForm, ScheduleQueryForm, TimeOffForm
from bookings.schedule.selectors import feed_bookings, schedule_bookings
from clinic.clock import local_date, local_today, week_days
from clinic.two_factor import acts_as_staff
from practitioners.models import Practitioner, TimeOff
from practitioners.services import practitioner_for_feed, replace_feed_token

AGENDA_DAYS = 14


def _practitioner_for(request: HttpRequest, slug: str = "") -> Practitioner:
    """Whose schedule this request may see: the practitioner's own; staff may choose."""
    own = Practitioner.objects.filter(user=request.user).first()
    if acts_as_staff(request):
        if slug:
            return get_object_or_404(Practitioner, slug=slug)
        return own or get_object_or_404(Practitioner.objects.order_by("order", "name")[:1])
    if own is None or (slug and slug != own.slug):
        raise Http404
    return own


def _booking_for(request: HttpRequest, reference: str) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related("patient", "treatment", "practitioner"), reference=reference
    )
    if not acts_as_staff(request) and booking.practitioner.user_id != request.user.pk:
        raise Http404
    return booking


def _with_flags(bookings):
    """What each practitioner must see before needling, including questions not asked."""
    for b in bookings:
        b.flags = b.screening_flags
    return bookings


@never_cache
@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    form = ScheduleQueryForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    practitioner = _practitioner_for(request, data.get("practitioner", ""))
    view = data.get("view") or "day"
    day = data.get("date") or local_today()
    if view == "week":
        days = week_days(day)
        first, last, step = days[0], days[-1], timedelta(days=7)
    elif view == "agenda":
        first, last, step = day, day + timedelta(days=AGENDA_DAYS - 1), timedelta(days=AGENDA_DAYS)
    else:
        first = last = day
        step = timedelta(days=1)
    bookings = _with_flags(list(schedule_bookings(practitioner, first, last)))
    by_day = {first + timedelta(days=i): [] for i in range((last - first).days + 1)}
    for b in bookings:
        by_day[local_date(b.start)].append(b)
    base = {"view": view, "practitioner": practitioner.slug if acts_as_staff(request) else ""}
    return render(
        request,
        "bookings/schedule/schedule.html",
        {
            "practitioner": practitioner,
            "view": view,
            "views": VIEWS,
            "day": day,
            "first": first,
            "last": last,
            "by_day": by_day,
            "now": timezone.now(),
            "today": local_today(),
            "prev_date": first - step,
            "next_date": first + step,
            "base": base,
            "practitioners": Practitioner.objects.all() if acts_as_staff(request) else None,
            "attendance_form": AttendanceForm(),
        },
    )


@never_cache
@login_required
def booking_detail(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _booking_for(request, reference)
    _with_flags([booking])
    rows = booking.screening_rows
    # Only a booking on a record has a history; an unmatched one is shown on its own.
    past = (
        Booking.objects.filter(patient_id=booking.patient_id, start__lt=booking.start)
        .exclude(pk=booking.pk)
        .select_related("treatment", "practitioner")
        .order_by("-start")[:10]
        if booking.patient_id
        else Booking.objects.none()
    )
    return render(
        request,
        "bookings/schedule/booking.html",
        {
            "booking": booking,
            "screening_groups": [
                (
                    "Warning signs",
                    [r for r in rows if r.question.kind == screening.Kind.WARNING_SIGN],
                ),
                ("Before needling", [r for r in rows if r.question.kind == screening.Kind.CAUTION]),
            ],
            "current_version": screening.VERSION,
            "past": past,
            "now": timezone.now(),
            "attendance_form": AttendanceForm(),
        },
    )


@require_POST
@login_required
def attendance(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _booking_for(request, reference)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            services.mark_attendance(booking=booking, status=form.cleaned_data["status"])
            messages.success(
                request,
                f"{booking.person.first_name}'s session marked {form.cleaned_data['status'].replace('_', '-')}.",
            )
        except services.BookingError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, "Choose attended or did not come.")
    # Back where the button was, if that is a path on this site; a next that is a view
    # name, another site or anything else goes to the booking (never redirect()'s lookup).
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(next_url)
    return redirect("schedule:booking", reference=reference)


@never_cache
@login_required
def time_off(request: HttpRequest) -> HttpResponse:
    practitioner = _practitioner_for(request, request.GET.get("practitioner", ""))
    form = TimeOffForm(request.POST or None)
    clashes = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_time_off(
                practitioner=practitioner,
                start=d["start"],
                end=d["end"],
                reason=d["reason"],
                note=d["note"],
                overlaps_confirmed=d["overlaps_confirmed"],
            )
        except services.TimeOffOverlapsBookings as error:
            clashes = error.bookings
            form = TimeOffForm(initial={**request.POST.dict(), "overlaps_confirmed": True})
        except services.BookingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Time off added. Those times are no longer offered to patients."
            )
            return redirect(request.get_full_path())
    upcoming = TimeOff.objects.filter(practitioner=practitioner, end__gte=timezone.now()).order_by(
        "start"
    )
    return render(
        request,
        "bookings/schedule/time_off.html",
        {
            "practitioner": practitioner,
            "form": form,
            "clashes": clashes,
            "upcoming": upcoming,
            "views": VIEWS,
            "day": local_today(),
        },
        status=409 if clashes else 200,
    )


@require_POST
@login_required
def time_off_delete(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = _practitioner_for(request, request.POST.get("practitioner", ""))
    entry = get_object_or_404(TimeOff, pk=pk, practitioner=practitioner)
    services.remove_time_off(time_off=entry)
    messages.success(request, "Time off removed. Those times can be booked again.")
    return redirect(
        reverse("schedule:time_off")
        + (f"?practitioner={practitioner.slug}" if acts_as_staff(request) else "")
    )


def _feed_page(request: HttpRequest, practitioner: Practitioner, secret: str = ""):
    """The calendar page. The address holds a secret that is stored only as a digest, so
    it can be shown once: in the answer to the request that made it."""
    url = request.build_absolute_uri(reverse("schedule:feed", args=[secret])) if secret else ""
    return render(
        request,
        "bookings/schedule/feed.html",
        {
            "practitioner": practitioner,
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[1] if url else "",
            "detail": settings.SCHEDULE_FEED_PATIENT_DETAIL,
            "views": VIEWS,
            "day": local_today(),
        },
    )


@never_cache
@login_required
def feed_settings(request: HttpRequest) -> HttpResponse:
    return _feed_page(request, _practitioner_for(request, request.GET.get("practitioner", "")))


@never_cache
@require_POST
@login_required
def feed_replace(request: HttpRequest) -> HttpResponse:
    practitioner = _practitioner_for(request, request.POST.get("practitioner", ""))
    return _feed_page(request, practitioner, replace_feed_token(practitioner=practitioner))


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribable .ics. The unguessable secret in the address is the only key, as
    calendar apps cannot sign in; replacing it locks out every old copy of the address."""
    practitioner = practitioner_for_feed(token)
    if practitioner is None:
        raise Http404
    body = practitioner_feed(
        feed_bookings(practitioner, timezone.now()),
        detail=settings.SCHEDULE_FEED_PATIENT_DETAIL,
        name=practitioner.name,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
