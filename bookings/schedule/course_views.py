"""Courses in the practitioner's schedule: plan one for a patient, follow it, record the
patient's scores at a visit, choose their activities, end the course."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bookings import services
from bookings.courses.forms import (
    ActivitiesForm,
    CourseCancelForm,
    CoursePlanner,
    OutcomeForm,
)
from bookings.courses.models import Course
from bookings.courses.selectors import (
    attach_course_info,
    course_bookings,
    course_progress,
    course_reviews,
)
from bookings.models import Booking, Patient
from bookings.schedule.views import _booking_for
from clinic.clock import local_date
from practitioners.models import Practitioner


def _course_for(request: HttpRequest, pk: int) -> Course:
    """A practitioner's own course; staff may open any. Otherwise 404."""
    course = (
        Course.objects.select_related("patient", "practitioner", "treatment").filter(pk=pk).first()
    )
    if course is None or not (
        request.user.is_staff or course.practitioner.user_id == request.user.pk
    ):
        raise Http404
    return course


def _planner(request: HttpRequest, source: Booking) -> CoursePlanner:
    start = timezone.localtime(source.start)
    return CoursePlanner(
        request.POST or None,
        patients=Patient.objects.filter(pk=source.patient_id),
        practitioners=Practitioner.objects.filter(pk=source.practitioner_id),
        treatments=source.practitioner.treatments.all(),
        widgets={"patient": forms.HiddenInput(), "practitioner": forms.HiddenInput()},
        initial={
            "patient": source.patient_id,
            "practitioner": source.practitioner_id,
            "treatment": source.treatment_id,
            "weekday": start.weekday(),
            "preferred_time": start.time(),
            "first_day": local_date(source.start),
        },
    )


@never_cache
@login_required
def plan_course(request: HttpRequest, reference: str) -> HttpResponse:
    """Plan a course for the patient of this booking, with its practitioner."""
    source = _booking_for(request, reference)
    planner = _planner(request, source)
    course = planner.run(created_by=request.user)
    if course is not None:
        messages.success(
            request, f"{course.sessions_planned} sessions booked. The patient has been emailed."
        )
        return redirect("schedule:course", pk=course.pk)
    return render(
        request,
        "bookings/schedule/course_plan.html",
        {"source": source, "planner": planner},
        status=409 if planner.refused else 200,
    )


@never_cache
@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course_for(request, pk)
    return render(
        request,
        "bookings/schedule/course.html",
        {
            "course": course,
            "sessions": attach_course_info(course_bookings(course)),
            "progress": course_progress(course),
            "review": course_reviews([course.pk])[course.pk],
            "review_after": settings.COURSE_REVIEW_AFTER_SESSIONS,
            "activities_form": ActivitiesForm(initial=dict(course.activities)),
            "cancel_form": CourseCancelForm(),
            "now": timezone.now(),
        },
    )


@require_POST
@login_required
def course_activities(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course_for(request, pk)
    form = ActivitiesForm(request.POST)
    if form.is_valid():
        services.set_activities(course=course, names=list(form.cleaned_data.values()))
        messages.success(request, "Activities saved. The patient scores them before each session.")
    else:
        messages.error(request, "Describe each activity in 80 characters or fewer.")
    return redirect("schedule:course", pk=course.pk)


@require_POST
@login_required
def course_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course_for(request, pk)
    form = CourseCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keep the reason to 300 characters or fewer.")
        return redirect("schedule:course", pk=course.pk)
    try:
        freed = services.cancel_course(course=course, reason=form.cleaned_data["reason"])
    except services.BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"Course ended: {len(freed)} future session(s) cancelled, patient emailed."
        )
    return redirect("schedule:course", pk=course.pk)


@require_POST
@login_required
def record_scores(request: HttpRequest, reference: str) -> HttpResponse:
    """The practitioner records the patient's scores at the visit."""
    booking = _booking_for(request, reference)
    form = OutcomeForm.for_booking(booking, request.POST)
    if form.is_valid():
        try:
            services.record_outcome(booking=booking, scores=form.scores(), recorded_by=request.user)
        except services.ScoresRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Scores saved.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("schedule:booking", args=[reference]) + "#scores")
