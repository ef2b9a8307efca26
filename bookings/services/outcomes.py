"""The patient's scores at each visit, and the practitioner's private treatment notes."""

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from bookings.courses.models import (
    ACTIVITY_FIELDS,
    SCORE_FIELDS,
    CourseSession,
    Outcome,
    TreatmentNote,
)
from bookings.models import Booking
from bookings.services.errors import BookingError, ScoresRefused
from clinic.clock import clinic_tz

# Patients score how they are in the days before a session, not weeks ahead.
PATIENT_WINDOW = timedelta(days=3)
LABELS = {
    "pain_now": "Pain now",
    "pain_worst": "Worst pain in the last week",
    "activity_1": "The first activity",
    "activity_2": "The second activity",
    "activity_3": "The third activity",
}
NOTE_FIELDS = ["done", "points", "response", "plan"]


def _validated(scores: dict) -> dict[str, int | None]:
    unknown = set(scores) - set(SCORE_FIELDS)
    if unknown:
        raise ScoresRefused("Only pain and the chosen activities can be scored.")
    clean = {}
    for field in SCORE_FIELDS:
        value = scores.get(field)
        if value is not None and (type(value) is not int or not 0 <= value <= 10):
            raise ScoresRefused(f"{LABELS[field]} must be a whole number from 0 to 10.")
        clean[field] = value
    if all(v is None for v in clean.values()):
        raise ScoresRefused("Please give at least one score, or leave this for now.")
    return clean


def patient_refusal(booking: Booking, outcome: Outcome | None, now: datetime) -> str | None:
    """Why the patient cannot give scores for this booking now, or None if they can:
    from three days before the session until it ends, unless the practitioner has
    already recorded them at the visit."""
    if booking.status != Booking.Status.CONFIRMED or now >= booking.end:
        return (
            "This session is over, so its scores can no longer be given online. "
            "Your practitioner can record them with you."
        )
    opens = booking.start - PATIENT_WINDOW
    if now < opens:
        return (
            "You can tell us how you are from "
            f"{opens.astimezone(clinic_tz()):%A %-d %B at %H:%M}, three days before your session."
        )
    if outcome is not None and outcome.recorded_by_id:
        return "Your practitioner has already recorded these scores with you."
    return None


def _activities_named(booking: Booking) -> set[str]:
    session = CourseSession.objects.filter(booking=booking).select_related("course").first()
    return {field for field, _ in session.course.activities} if session else set()


def record_outcome(
    *,
    booking: Booking,
    scores: dict,
    recorded_by: AbstractBaseUser | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Keep the scores with the booking, replacing earlier ones. By the patient (no
    `recorded_by`) from three days before the session until it ends; by the practitioner
    at any time for a booking that is not cancelled. Raises ScoresRefused."""
    now = now or timezone.now()
    clean = _validated(scores)
    with transaction.atomic():
        # No select_related: PostgreSQL cannot lock the nullable side of an outer join.
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            raise ScoresRefused("This booking is cancelled, so it has no scores.")
        unnamed = {f for f in ACTIVITY_FIELDS if clean[f] is not None} - _activities_named(booking)
        if unnamed:
            raise ScoresRefused("Only the activities chosen for this course can be scored.")
        outcome = Outcome.objects.filter(booking=booking).first() or Outcome(booking=booking)
        refusal = patient_refusal(booking, outcome, now) if recorded_by is None else None
        if refusal:
            raise ScoresRefused(refusal)
        for field, value in clean.items():
            setattr(outcome, field, value)
        outcome.recorded_by = recorded_by
        outcome.save()
    return outcome


def may_read_notes(user: AbstractBaseUser, booking: Booking) -> bool:
    """The booking's own practitioner, and the clinic manager (who holds every permission
    in the clinic's apps). Not reception, not other practitioners."""
    return booking.practitioner.user_id == user.pk or user.has_perm("bookings.view_treatmentnote")


def may_write_notes(user: AbstractBaseUser, booking: Booking) -> bool:
    return booking.practitioner.user_id == user.pk


def save_treatment_note(
    *, booking: Booking, author: AbstractBaseUser, **fields: str
) -> TreatmentNote:
    """Write the practitioner's note for a session; each change is kept in its history."""
    if not may_write_notes(author, booking):
        raise BookingError("Only the practitioner who treats this patient writes these notes.")
    if set(fields) - set(NOTE_FIELDS):
        raise BookingError("Unknown part of a treatment note.")
    with transaction.atomic():
        note = TreatmentNote.objects.select_for_update().filter(
            booking=booking
        ).first() or TreatmentNote(booking=booking)
        for field in NOTE_FIELDS:
            setattr(note, field, (fields.get(field) or "").strip()[:4000])
        note.author = author
        note.save()
    return note
