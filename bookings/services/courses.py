"""A course of sessions booked as one, and cancelled as one.

Every session goes through `book`, inside one outer transaction that holds the
practitioner's lock from the first session to the last: each is re-checked with fresh
data (earlier sessions of the course included) and written, and if any one cannot be
booked the whole transaction rolls back. All or none, never a partial course.
"""

from datetime import datetime, time

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from bookings import emails
from bookings.courses.models import MAX_SESSIONS, Course, CourseSession
from bookings.models import Booking, Patient, Treatment
from bookings.services.booking import book, cancel
from bookings.services.errors import (
    BookingError,
    CourseSessionUnavailable,
    NotBookable,
    SlotUnavailable,
)
from bookings.services.slot_guard import lock
from practitioners.models import Practitioner


def _refuse_bad_plan(starts: list[datetime], rhythm: str, weekday: int) -> None:
    if not 1 <= len(starts) <= MAX_SESSIONS:
        raise NotBookable(f"A course has between 1 and {MAX_SESSIONS} sessions.")
    if len(set(starts)) != len(starts):
        raise NotBookable("Two sessions of the course are at the same time.")
    if rhythm not in Course.Rhythm.values or not 0 <= weekday <= 6:
        raise NotBookable("Choose a rhythm and a weekday for the course.")


def book_course(
    *,
    patient: Patient,
    practitioner: Practitioner,
    treatment: Treatment,
    starts: list[datetime],
    rhythm: str,
    weekday: int,
    preferred_time: time,
    created_by: AbstractBaseUser,
    notify: bool = True,
    now: datetime | None = None,
) -> Course:
    """Book every session or none. Raises CourseSessionUnavailable naming the first
    session that cannot be booked, or NotBookable; on success the patient's one email
    (every date, one calendar file) is queued in the same transaction."""
    now = now or timezone.now()
    starts = sorted(starts)
    _refuse_bad_plan(starts, rhythm, weekday)
    with transaction.atomic():
        practitioner = lock(practitioner)
        course = Course.objects.create(
            patient=patient,
            practitioner=practitioner,
            treatment=treatment,
            sessions_planned=len(starts),
            rhythm=rhythm,
            weekday=weekday,
            preferred_time=preferred_time,
            created_by=created_by,
        )
        bookings = []
        for number, start in enumerate(starts, start=1):
            try:
                booking = book(
                    practitioner=practitioner,
                    treatment=treatment,
                    start=start,
                    patient=patient,
                    screening_answers={},
                    consented=False,
                    created_by=created_by,
                    notify=False,
                    now=now,
                )
            except SlotUnavailable as error:
                raise CourseSessionUnavailable(number, error.problem) from error
            CourseSession.objects.create(course=course, booking=booking, number=number)
            bookings.append(booking)
        if notify:
            emails.course_confirmed(course, bookings)
    return course


def cancel_course(
    *, course: Course, reason: str = "", notify: bool = True, now: datetime | None = None
) -> list[Booking]:
    """Staff end a course: every session still to come is cancelled and freed, in one
    transaction, and the patient gets one email. Past sessions stay as they were."""
    now = now or timezone.now()
    with transaction.atomic():
        lock(course.practitioner)
        course = Course.objects.select_for_update().get(pk=course.pk)
        if course.status == Course.Status.CANCELLED:
            raise BookingError("This course is already cancelled.")
        future = Booking.objects.filter(
            course_session__course=course, status=Booking.Status.CONFIRMED, start__gt=now
        ).order_by("start")
        cancelled = [
            cancel(booking=b, reason=reason, by_staff=True, notify=False, now=now) for b in future
        ]
        course.status = Course.Status.CANCELLED
        course.cancelled_at = now
        course.save(update_fields=["status", "cancelled_at"])
        if notify and cancelled:
            emails.course_cancelled(course, cancelled)
    return cancelled


def set_activities(*, course: Course, names: list[str]) -> Course:
    """The activities (up to three) the patient scores at every visit, chosen with them at
    the first visit."""
    names = [n.strip() for n in names if n and n.strip()]
    if len(names) > 3:
        raise BookingError("Choose up to three activities.")
    if any(len(n) > 80 for n in names):
        raise BookingError("Describe each activity in 80 characters or fewer.")
    names += [""] * (3 - len(names))
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        course.activity_1, course.activity_2, course.activity_3 = names
        course.save(update_fields=["activity_1", "activity_2", "activity_3"])
    return course
