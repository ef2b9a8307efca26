"""What is booked and when. Times are stored in UTC (DESIGN.md, "Booking rules")."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bookings.models_privacy import AccessToken, ErasureRequest, GivenDetails  # noqa: F401
from bookings.triage import Assessment, Row, age_on, assess, rows
from clinic.clock import local_date
from practitioners.models import DiaryEntry, Practitioner

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread on the phone


# The longest a treatment may block a diary (session plus buffer). Queries for bookings
# meeting a time range look back no further, so they read an index range, not history.
LONGEST_BLOCK = timedelta(hours=12)


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class TreatmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Treatment(models.Model):
    class PatientKind(models.TextChoices):
        NEW = "new", "New patients"
        RETURNING = "returning", "Returning patients"
        ANY = "any", "Everyone"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField()
    duration_minutes = models.PositiveSmallIntegerField()
    buffer_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="Time kept free after the session (notes, cleaning the room)."
    )
    price = models.DecimalField(max_digits=7, decimal_places=2)
    patient_kind = models.CharField(
        max_length=10, choices=PatientKind.choices, default=PatientKind.ANY
    )
    practitioners = models.ManyToManyField(
        Practitioner, related_name="treatments", help_text="Who offers this treatment."
    )
    is_active = models.BooleanField(default=True, help_text="Bookable online.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = TreatmentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="treatment_has_duration"
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="treatment_price_not_negative"),
            models.CheckConstraint(
                condition=Q(
                    duration_minutes__lte=LONGEST_BLOCK.total_seconds() // 60 - F("buffer_minutes")
                ),
                name="treatment_fits_longest_block",
                violation_error_message="A session and its buffer may last at most 12 hours.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)


class Patient(models.Model):
    """Identified by email; no password. Names and contact details are personal data:
    never log them."""

    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(unique=True)
    phone = models.CharField(max_length=30)
    # Required in every form; empty only once the person has been erased.
    date_of_birth = models.DateField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class BookingQuerySet(models.QuerySet):
    def active(self):
        """Bookings that hold their time: everything but cancelled ones."""
        return self.exclude(status=Booking.Status.CANCELLED)

    def upcoming(self, now=None):
        return self.filter(start__gte=now or timezone.now())

    def overlapping(self, start, end):
        """Bookings whose blocked range [start, blocked_until) meets [start, end).

        The lower bound on `start` says nothing new (no booking blocks longer than
        LONGEST_BLOCK) but lets the database read only the index range it needs."""
        return self.filter(start__gt=start - LONGEST_BLOCK, start__lt=end, blocked_until__gt=start)


class Booking(DiaryEntry):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "No-show"

    class Source(models.TextChoices):
        ONLINE = "online", "Online"
        STAFF = "staff", "Staff"

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    # The patient record, once it is proven the booking belongs there (services.records):
    # a new address makes one; a known one joins only by the emailed link or by staff.
    patient = models.ForeignKey(
        Patient, null=True, on_delete=models.PROTECT, related_name="bookings"
    )
    # Exactly what was given for this booking (online: typed; staff: from the record).
    given_first_name = models.CharField("first name given", max_length=60)
    given_last_name = models.CharField("last name given", max_length=60)
    given_email = models.EmailField("email given", db_index=True)
    given_phone = models.CharField("phone given", max_length=30)
    given_date_of_birth = models.DateField("date of birth given", null=True, blank=True)
    # When the owner of the email address confirmed this booking by its emailed link.
    address_confirmed_at = models.DateTimeField(null=True, blank=True)
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="bookings"
    )
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="bookings")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    # end plus the treatment's buffer: the range no other booking may touch.
    blocked_until = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)

    screening_version = models.CharField(max_length=20)
    # Question key -> "yes", "no" or "not_sure"; missing: not asked (bookings.screening).
    screening_answers = models.JSONField(default=dict)
    needs_attention = models.BooleanField(
        default=False,
        help_text="Something the practitioner must see before needling: a screening answer, "
        "or questions not asked.",
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    patient_note = models.TextField(blank=True, max_length=1000)
    staff_notes = models.TextField(blank=True)

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ONLINE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outside_hours_override = models.BooleanField(default=False)
    override_reason = models.CharField(max_length=200, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=300, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every move or cancellation, so calendar apps update the same event.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # One booking per submitted form, however often it is submitted.
    idempotency_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BookingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["idempotency_key"])

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["practitioner", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_end_after_start"),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("end")), name="booking_blocked_covers_session"
            ),
        ]
        # On PostgreSQL, migration 0002 adds an exclusion constraint: no two active
        # bookings of one practitioner overlap over [start, blocked_until).

    def __str__(self):
        return f"{self.reference}"

    def get_absolute_url(self):
        return reverse("bookings:manage", kwargs={"reference": self.reference})

    def manage_url(self, secret: str) -> str:
        """The private link; only the message or page that issued `secret` knows it."""
        return f"{self.get_absolute_url()}?token={secret}"

    @property
    def person(self) -> "Patient | GivenDetails":
        """Whose details to show and write to: the patient record once the booking is on
        it, otherwise only what was given for this booking, never a stored record."""
        if self.patient_id is not None:
            return self.patient
        return GivenDetails(
            self.given_first_name,
            self.given_last_name,
            self.given_email,
            self.given_phone,
            self.given_date_of_birth,
        )

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED

    @property
    def age_at_visit(self) -> int | None:
        born = self.person.date_of_birth
        return age_on(born, local_date(self.start)) if born else None

    @property
    def screening_result(self) -> Assessment:
        return assess(self.screening_answers, age=self.age_at_visit)

    @property
    def screening_flags(self) -> list[str]:
        """What the practitioner must see before needling, the most serious first."""
        return self.screening_result.flags

    @property
    def screening_rows(self) -> list[Row]:
        return rows(self.screening_answers, age=self.age_at_visit)

    @property
    def online_change_deadline(self):
        """The last moment a patient may move or cancel online."""
        return self.start - timedelta(hours=settings.CANCELLATION_NOTICE_HOURS)

    def can_change_online(self, now=None) -> bool:
        """Patients may cancel or move up to CANCELLATION_NOTICE_HOURS before the start."""
        now = now or timezone.now()
        return self.status == self.Status.CONFIRMED and now <= self.online_change_deadline


class ClinicClosure(models.Model):
    """Whole days the clinic is shut for everyone (bank holidays, refurbishment)."""

    name = models.CharField(max_length=100)
    start_date = models.DateField()
    end_date = models.DateField(help_text="Last closed day (inclusive).")

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="closure_end_not_before_start"
            )
        ]

    def __str__(self):
        return self.name


# Models kept in their own modules, registered with this app by importing them here:
# screening stops, the outbox, courses (with scores and treatment notes), diary versions
# (what keeps cached free times honest), holds and the waiting list.
from bookings.courses.models import Course, CourseSession, Outcome, TreatmentNote  # noqa: E402, F401
from bookings.models_diary import DiaryVersion  # noqa: E402, F401
from bookings.models_outbox import OutgoingEmail, new_message_id  # noqa: E402, F401
from bookings.models_screening import ScreeningStop  # noqa: E402, F401
from bookings.waitlist.models import Hold, WaitlistEntry, WaitlistOffer  # noqa: E402, F401
