"""The personal-data side of bookings: who a booking is for as given, the secrets sent in
links, and requests to erase.

Kept apart from `models` so each module stays readable; `bookings.models` imports these,
so Django and the rest of the code find them there.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clinic import tokens


@dataclass(frozen=True)
class GivenDetails:
    """Who a booking is for, as given when it was made."""

    first_name: str
    last_name: str
    email: str
    phone: str
    date_of_birth: date | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class AccessTokenQuerySet(models.QuerySet):
    def issue(
        self, purpose: str, *, booking=None, email: str = "", lifetime: timedelta | None = None
    ) -> str:
        """Store the digest of a new secret and return the secret, for one link only."""
        secret = tokens.new_secret()
        self.create(
            purpose=purpose,
            digest=tokens.digest(secret),
            booking=booking,
            email=email,
            expires_at=timezone.now() + lifetime if lifetime else None,
        )
        return secret

    def usable(self, purpose: str, now: datetime | None = None):
        now = now or timezone.now()
        return self.filter(purpose=purpose, used_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def find(self, purpose: str, secret: str, now: datetime | None = None):
        """The usable token whose secret this is, or None. The lookup is by digest, so the
        secret itself never reaches a query."""
        token = self.usable(purpose, now).filter(digest=tokens.digest(secret)).first()
        return token if token is not None and tokens.matches(secret, token.digest) else None


class AccessToken(models.Model):
    """A secret sent by email in a link. Only its SHA-256 digest is stored (clinic.tokens).

    A manage link opens one booking for as long as the booking exists; every message that
    carries one gets its own, so a reminder sent later never stops an earlier link from
    working. A sign-in link opens "my bookings" once, within minutes. A confirmation link
    adds a booking to the patient record of its email address, once.
    """

    class Purpose(models.TextChoices):
        MANAGE = "manage", "See, move or cancel one booking"
        SIGN_IN = "sign_in", "Sign in to 'my bookings'"
        CONFIRM = "confirm", "Add a booking to the record of its email address"

    SIGN_IN_LIFETIME = timedelta(minutes=15)
    CONFIRM_LIFETIME = timedelta(days=30)

    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    digest = models.CharField(max_length=64, unique=True)
    booking = models.ForeignKey(
        "bookings.Booking",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="access_tokens",
    )
    email = models.EmailField(blank=True, help_text="Sign-in links: the address it was sent to.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["purpose", "email", "created_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class ErasureRequest(models.Model):
    """A patient asked, from "my bookings", for their personal data to be erased. Staff
    confirm it in the admin; `services.erase` then anonymises the person everywhere."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for staff"
        DONE = "done", "Erased"

    patient = models.ForeignKey(
        "bookings.Patient",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="erasure_requests",
    )
    # The address that asked, cleared once the erasure is done.
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"Erasure request {self.pk} ({self.get_status_display().lower()})"
