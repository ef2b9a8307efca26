"""Who treats, and when they work."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from clinic.models import Condition


class Language(models.Model):
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PractitionerQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(is_listed=True)

    def with_profile(self):
        """What a directory card needs, in a fixed number of queries."""
        return self.prefetch_related("specialties", "languages")


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class Practitioner(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner",
        help_text="The login this practitioner uses to see their schedule.",
    )
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=120, help_text="For example: Acupuncturist, MBAcC")
    photo = models.ImageField(upload_to="practitioners/", blank=True)
    biography = models.TextField(help_text="Markdown.")
    qualifications = models.TextField(help_text="One qualification per line.")
    register = models.CharField(
        max_length=120, help_text="Professional register, e.g. British Acupuncture Council."
    )
    register_url = models.URLField(
        blank=True, help_text="Where patients can check the registration."
    )
    registration_number = models.CharField(max_length=50)
    practising_since = models.PositiveSmallIntegerField(
        help_text="Year of qualifying; the site shows years in practice from it."
    )
    specialties = models.ManyToManyField(Condition, blank=True, related_name="practitioners")
    languages = models.ManyToManyField(Language, blank=True, related_name="practitioners")
    is_listed = models.BooleanField(
        default=True, help_text="Shown in the directory and bookable online."
    )
    order = models.PositiveSmallIntegerField(default=0)
    feed_token = models.CharField(
        max_length=64, unique=True, default=new_feed_token, editable=False
    )

    objects = PractitionerQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practitioners:detail", kwargs={"slug": self.slug})

    @property
    def years_in_practice(self) -> int:
        return max(0, timezone.localdate().year - self.practising_since)

    @property
    def qualification_list(self) -> list[str]:
        return [line.strip() for line in self.qualifications.splitlines() if line.strip()]

    @property
    def initials(self) -> str:
        words = [w for w in self.name.replace(".", " ").split() if w[0].isalpha()]
        return "".join(w[0] for w in words[-2:]).upper()


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class WorkingHours(models.Model):
    """A weekly rule: this practitioner works on this weekday between these wall-clock times
    (in the clinic's time zone), optionally only between two dates."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start = models.TimeField()
    end = models.TimeField()
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["practitioner", "weekday", "start"]
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="working_hours_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="working_hours_valid_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


PAST_TIME_OFF = "That time off is over already: its end has passed. Please check the dates."


class TimeOff(models.Model):
    class Reason(models.TextChoices):
        HOLIDAY = "holiday", "Holiday"
        TRAINING = "training", "Training"
        SICKNESS = "sickness", "Sickness"
        OTHER = "other", "Other"

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="time_off"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    reason = models.CharField(max_length=20, choices=Reason.choices, default=Reason.HOLIDAY)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "time off"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="time_off_end_after_start")
        ]

    def __str__(self):
        return f"{self.practitioner}: {self.get_reason_display()}"

    def clean(self):
        # New time off that has already ended blocks nothing: almost always a typo in a year.
        if self._state.adding and self.end and self.end <= timezone.now():
            raise ValidationError(PAST_TIME_OFF)
