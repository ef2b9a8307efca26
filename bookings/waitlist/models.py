"""Holds and the waiting list (README, "Holds and the waiting list").

Imported at the bottom of `bookings.models`, so these are models of the `bookings` app.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from bookings.models import LONGEST_BLOCK, new_reference
from bookings.waitlist.matching import TimeRange
from practitioners.models import DiaryEntry


class HoldQuerySet(models.QuerySet):
    def unexpired(self, now):
        return self.filter(expires_at__gt=now)

    def overlapping(self, start, end):
        """Holds whose blocked range meets [start, end); bounded below like bookings."""
        return self.filter(start__gt=start - LONGEST_BLOCK, start__lt=end, blocked_until__gt=start)


class Hold(DiaryEntry):
    """A time kept for one browser while its patient fills in the form, or for one
    waiting-list offer. Busy for everyone else until `expires_at`, then ignored: nothing
    needs to delete it for the time to be free again."""

    # "browser:<random id kept in the session>" or "offer:<offer pk>": one hold each.
    holder = models.CharField(max_length=80, unique=True)
    practitioner = models.ForeignKey(
        "practitioners.Practitioner", on_delete=models.CASCADE, related_name="holds"
    )
    treatment = models.ForeignKey("bookings.Treatment", on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()
    blocked_until = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    offer = models.OneToOneField(
        "bookings.WaitlistOffer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="hold",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HoldQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["practitioner", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="hold_end_after_start"),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("end")), name="hold_blocked_covers_session"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__lte=F("start")), name="hold_never_outlives_its_time"
            ),
        ]

    def __str__(self):
        return f"Hold until {self.expires_at:%H:%M}"


class WaitlistEntryQuerySet(models.QuerySet):
    def waiting(self, today):
        return self.filter(status=WaitlistEntry.Status.WAITING, until__gte=today)


class WaitlistEntry(models.Model):
    """Someone waiting for a time that suits them. Names and emails are personal data:
    never log them. Dropped after `until` (retention)."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        BOOKED = "booked", "Booked from an offer"

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField()
    treatment = models.ForeignKey(
        "bookings.Treatment", on_delete=models.PROTECT, related_name="waitlist_entries"
    )
    # None: anyone who offers the treatment (with an interest in `condition`, if given).
    practitioner = models.ForeignKey(
        "practitioners.Practitioner",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="waitlist_entries",
    )
    condition = models.ForeignKey(
        "clinic.Condition", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # [[weekday or null, "HH:MM", "HH:MM"], ...]: see bookings.waitlist.matching.TimeRange.
    times = models.JSONField(default=list)
    until = models.DateField(help_text="The last day they want a session on.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    joined_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WaitlistEntryQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "pk"]  # the order of joining is the order of offers
        verbose_name = "waiting-list entry"
        verbose_name_plural = "waiting list"
        indexes = [models.Index(fields=["status", "until"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def ranges(self) -> list[TimeRange]:
        return [TimeRange.from_json(value) for value in self.times]

    def manage_url(self, secret: str) -> str:
        path = reverse("bookings:waitlist_manage", kwargs={"reference": self.reference})
        return f"{path}?token={secret}"


class WaitlistOffer(models.Model):
    """A freed time offered to one person on the list, held for them until `expires_at`
    (its Hold). Kept with its outcome, for staff, until the entry is dropped."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted and booked"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Not answered in time"

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    entry = models.ForeignKey(WaitlistEntry, on_delete=models.CASCADE, related_name="offers")
    practitioner = models.ForeignKey(
        "practitioners.Practitioner", on_delete=models.CASCADE, related_name="waitlist_offers"
    )
    treatment = models.ForeignKey("bookings.Treatment", on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField()
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    booking = models.OneToOneField(
        "bookings.Booking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waitlist_offer",
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member of staff who offered it by hand; empty when offered automatically.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "waiting-list offer"
        indexes = [models.Index(fields=["status", "expires_at"])]
        constraints = [
            # One open offer per person: nobody holds two times at once.
            models.UniqueConstraint(
                fields=["entry"],
                condition=Q(status="pending"),
                name="waitlist_one_pending_offer_per_entry",
            ),
        ]

    def __str__(self):
        return f"Offer {self.reference}"

    @property
    def holder(self) -> str:
        return f"offer:{self.pk}"

    def link(self, secret: str) -> str:
        path = reverse("bookings:waitlist_offer", kwargs={"reference": self.reference})
        return f"{path}?token={secret}"
