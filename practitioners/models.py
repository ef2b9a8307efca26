"""Who treats, and when they work."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from clinic import tokens
from clinic.models import Condition
from clinic.validation import FieldAwareClean


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
        """What a directory card or a profile needs, in a fixed number of queries. Of the
        particular interests only their names and addresses: their articles are long."""
        interests = Condition.objects.only("pk", "name", "slug")
        return self.prefetch_related(
            Prefetch("specialties", queryset=interests), "languages", "registrations"
        )


def unknown_feed_digest() -> str:
    """The digest of a secret nobody is told: a new practitioner's feed opens only once they
    create their address (practitioners.services.replace_feed_token)."""
    return tokens.digest(tokens.new_secret())


class Practitioner(FieldAwareClean, models.Model):
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
    title_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Required when the name uses 'Dr' without a medical qualification: say "
        "what the title means, e.g. 'Dr here means a PhD, not a medical degree.'",
    )
    practising_since = models.PositiveSmallIntegerField(
        help_text="Year of qualifying; the site shows years in practice from it."
    )
    specialties = models.ManyToManyField(Condition, blank=True, related_name="practitioners")
    languages = models.ManyToManyField(Language, blank=True, related_name="practitioners")
    is_listed = models.BooleanField(
        default=True, help_text="Shown in the directory and bookable online."
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_fictional = models.BooleanField(
        default=False,
        help_text="Demo data: the site labels this person as fictional so nobody takes "
        "them, or their registration numbers, for real.",
    )
    # The calendar feed's address carries a secret; only its SHA-256 digest is kept here.
    feed_token_digest = models.CharField(
        max_length=64, unique=True, default=unknown_feed_digest, editable=False
    )

    objects = PractitionerQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practitioners:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.uses_doctor_title and not self.title_note.strip():
            errors["title_note"] = (
                "This name uses 'Dr'. Say what the title means (a medical degree, or a PhD "
                "and not a medical doctor) so patients are not misled."
            )
        self.raise_field_errors(
            errors,
            "This name uses 'Dr' with no note saying what it means. Open the practitioner "
            "to add one.",
        )

    @property
    def uses_doctor_title(self) -> bool:
        first = self.name.strip().split(" ", 1)[0].rstrip(".").lower()
        return first == "dr"

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


class Registration(models.Model):
    """One register or professional body a practitioner belongs to, as a patient checks it."""

    class Kind(models.IntegerChoices):
        # The order is the order shown: law first, then accredited registers, then the rest.
        STATUTORY = 1, "Statutory regulator (registration required by law)"
        ACCREDITED = 2, "Accredited register (checked by the Professional Standards Authority)"
        MEMBERSHIP = 3, "Professional association (membership, not a register)"

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="registrations"
    )
    body = models.CharField(
        max_length=150,
        help_text="For example: Health and Care Professions Council (HCPC), "
        "British Acupuncture Council (BAcC).",
    )
    kind = models.PositiveSmallIntegerField(
        choices=Kind.choices,
        help_text="Statutory: HCPC for physiotherapists, GMC for doctors, NMC for nurses. "
        "Accredited: a voluntary register accredited by the Professional Standards "
        "Authority, such as the BAcC. Anything else is a membership.",
    )
    number = models.CharField(max_length=50, blank=True, help_text="As the body lists it.")
    check_url = models.URLField(
        "where to check",
        max_length=500,
        blank=True,
        help_text="The body's own search page (or this practitioner's entry on it), not its "
        "home page.",
    )

    class Meta:
        ordering = ["kind", "body"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "body"], name="registration_one_per_body"
            )
        ]

    def __str__(self):
        return f"{self.body} {self.number}".strip()

    def clean(self):
        super().clean()
        errors = {}
        is_register = self.kind in (self.Kind.STATUTORY, self.Kind.ACCREDITED)
        if is_register and not self.number.strip():
            errors["number"] = "A register lists a number: enter it so patients can check."
        if is_register and not self.check_url:
            errors["check_url"] = "Link to the page where patients can search this register."
        elif self.check_url and urlsplit(self.check_url).path.strip("/") == "":
            errors["check_url"] = (
                "This is the body's home page. Link to its search page, or to this "
                "practitioner's entry, so a patient lands where they can check."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_register(self) -> bool:
        return self.kind in (self.Kind.STATUTORY, self.Kind.ACCREDITED)

    @property
    def plain_kind(self) -> str:
        """What the entry means, in the few words a directory card has room for."""
        return {
            self.Kind.STATUTORY: "statutory register",
            self.Kind.ACCREDITED: "accredited register",
            self.Kind.MEMBERSHIP: "membership",
        }[self.kind]


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class DiaryEntry(models.Model):
    """Something that takes a place in one practitioner's diary (working hours, time off, a
    booking, a hold). It remembers the practitioner it was read from the database with, so
    that moving it to another practitioner marks both diaries changed
    (bookings/diary_versions.py)."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.loaded_practitioner_id = instance.__dict__.get("practitioner_id")
        return instance

    def diary_owners(self) -> set[int]:
        """The practitioners whose diaries a write of this entry changes."""
        owners = {self.practitioner_id, getattr(self, "loaded_practitioner_id", None)}
        return {pk for pk in owners if pk is not None}


class WorkingHours(DiaryEntry):
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


class TimeOff(DiaryEntry):
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
