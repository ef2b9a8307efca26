"""Courses of sessions, the patient's scores at each visit, and treatment notes.

Imported at the end of `bookings.models`, so Django registers them with the app.
Relations name their targets as strings, so this module imports nothing from there.
Scores are health data and notes are clinical records: never log them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

MAX_SESSIONS = 12
SCORE_FIELDS = ["pain_now", "pain_worst", "activity_1", "activity_2", "activity_3"]
ACTIVITY_FIELDS = ["activity_1", "activity_2", "activity_3"]


class Course(models.Model):
    """A course of treatment booked as one: every session is a Booking, in CourseSession."""

    class Rhythm(models.TextChoices):
        WEEKLY = "weekly", "Every week"
        FORTNIGHTLY = "fortnightly", "Every two weeks"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CANCELLED = "cancelled", "Cancelled"

    patient = models.ForeignKey(
        "bookings.Patient", on_delete=models.PROTECT, related_name="courses"
    )
    practitioner = models.ForeignKey(
        "practitioners.Practitioner", on_delete=models.PROTECT, related_name="courses"
    )
    treatment = models.ForeignKey(
        "bookings.Treatment", on_delete=models.PROTECT, related_name="courses"
    )
    sessions_planned = models.PositiveSmallIntegerField()
    rhythm = models.CharField(max_length=12, choices=Rhythm.choices)
    weekday = models.PositiveSmallIntegerField(help_text="Preferred weekday, Monday is 0.")
    preferred_time = models.TimeField()
    # The patient-specific functional scale: up to three activities that matter to this
    # patient, chosen at the first visit and scored 0 (cannot do) to 10 (as before).
    activity_1 = models.CharField(max_length=80, blank=True)
    activity_2 = models.CharField(max_length=80, blank=True)
    activity_3 = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sessions_planned__gte=1, sessions_planned__lte=MAX_SESSIONS),
                name="course_sessions_in_range",
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="course_weekday_in_range"),
        ]

    def __str__(self):
        return f"Course of {self.sessions_planned} ({self.treatment_id})"

    @property
    def activities(self) -> list[tuple[str, str]]:
        """(field, name) of each activity chosen so far."""
        return [(f, getattr(self, f)) for f in ACTIVITY_FIELDS if getattr(self, f)]


class CourseSession(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    booking = models.OneToOneField(
        "bookings.Booking", on_delete=models.PROTECT, related_name="course_session"
    )
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="course_session_number")
        ]

    def __str__(self):
        return f"Session {self.number}"


def _score(label: str):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MaxValueValidator(10)]
    )


class Outcome(models.Model):
    """How the patient is, scored 0-10, kept with the booking it was given for. Given by
    the patient before the session or recorded by the practitioner at the visit."""

    booking = models.OneToOneField(
        "bookings.Booking", on_delete=models.PROTECT, related_name="outcome"
    )
    pain_now = _score("pain now")
    pain_worst = _score("worst pain in the last week")
    activity_1 = _score("first activity")
    activity_2 = _score("second activity")
    activity_3 = _score("third activity")
    # None when the patient gave the scores online.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": 10}),
                name=f"outcome_{field}_at_most_10",
            )
            for field in SCORE_FIELDS
        ]

    def __str__(self):
        return f"Scores for {self.booking_id}"


class TreatmentNote(models.Model):
    """The practitioner's private record of a session. Seen only by that practitioner and
    the clinic manager; never in an email, a calendar or an export."""

    booking = models.OneToOneField(
        "bookings.Booking", on_delete=models.PROTECT, related_name="treatment_note"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done = models.TextField("what was done", blank=True, max_length=4000)
    points = models.TextField("points and technique", blank=True, max_length=4000)
    response = models.TextField("the patient's response", blank=True, max_length=4000)
    plan = models.TextField("plan", blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"Treatment note for {self.booking_id}"
