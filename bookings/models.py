"""What is booked and when. Times are stored in UTC (DESIGN.md, "Booking rules")."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from practitioners.models import Practitioner

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread on the phone


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def new_manage_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


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
    date_of_birth = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
        """Bookings whose blocked range [start, blocked_until) meets [start, end)."""
        return self.filter(start__lt=end, blocked_until__gt=start)


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "No-show"

    class Source(models.TextChoices):
        ONLINE = "online", "Online"
        STAFF = "staff", "Staff"

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    manage_token = models.CharField(max_length=64, default=new_manage_token, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="bookings")
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
    # Caution question key -> the patient's yes/no answer (bookings.screening).
    screening_answers = models.JSONField(default=dict)
    needs_attention = models.BooleanField(
        default=False, help_text="A screening answer the practitioner must see before needling."
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
    history = HistoricalRecords(excluded_fields=["manage_token", "idempotency_key"])

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

    @property
    def manage_url(self) -> str:
        return f"{self.get_absolute_url()}?token={self.manage_token}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED

    @property
    def caution_keys(self) -> list[str]:
        return [key for key, answer in self.screening_answers.items() if answer]

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


class ScreeningStop(models.Model):
    """That a warning-sign answer stopped a booking; deliberately nothing about who."""

    shown_at = models.DateTimeField(auto_now_add=True)
    screening_version = models.CharField(max_length=20)

    class Meta:
        ordering = ["-shown_at"]

    def __str__(self):
        return f"Warning shown {self.shown_at:%Y-%m-%d %H:%M}"


class OutgoingEmail(models.Model):
    """Every message the clinic sends, kept until the mail server has taken it.

    Sending is attempted after the booking commits; a failure leaves the row pending for
    `manage.py send_pending_emails` to retry, so a mail outage never loses a booking or a
    confirmation.
    """

    kind = models.CharField(max_length=30)
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # [{"filename": ..., "content": ..., "mimetype": ...}]
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Set while one process is sending, so a retry run and an after-commit send never
    # both hand the same message to the mail server.
    locked_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self):
        return f"{self.kind} ({'sent' if self.sent_at else 'pending'})"
