"""What a stopped booking leaves behind: deliberately nothing about who. Imported by
bookings.models."""

from django.db import models


class ScreeningStop(models.Model):
    """That screening answers stopped a booking, and how urgent the advice shown was;
    deliberately nothing about who, or what they answered."""

    class Outcome(models.TextChoices):
        EMERGENCY = "emergency", "999 or A&E now"
        URGENT = "urgent", "NHS 111 or GP today"
        CALL_CLINIC = "call_clinic", "Call the clinic before booking"

    shown_at = models.DateTimeField(auto_now_add=True)
    screening_version = models.CharField(max_length=20)
    # Blank for stops recorded before outcomes were (one advice for every warning sign).
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-shown_at"]

    def __str__(self):
        return f"Advice shown {self.shown_at:%Y-%m-%d %H:%M}"
