"""What the clinic tells patients: conditions, information pages and the FAQ."""

from django.db import models
from django.urls import reverse

from clinic.clock import local_today
from clinic.validation import FieldAwareClean


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def listing(self):
        """Published items for a list of links or a menu: without their long texts."""
        long_texts = [f.name for f in self.model._meta.fields if isinstance(f, models.TextField)]
        return self.published().defer(*long_texts)


class Source(models.Model):
    """A guideline, review or public page that patient information rests on."""

    title = models.CharField(max_length=300)
    publisher = models.CharField(
        max_length=200, help_text="Who published it: a journal, NICE, the NHS website..."
    )
    year = models.PositiveSmallIntegerField(
        help_text="Year published or last updated; for a web page that changes, the year "
        "it was last checked."
    )
    url = models.URLField(blank=True, max_length=500)

    class Meta:
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "publisher", "year"], name="source_unique_citation"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.publisher}, {self.year})"


class ClinicallyReviewed(FieldAwareClean, models.Model):
    """Patient information that a named clinician checks against its sources.

    The page shows this review, never the time of the last save: fixing a typo is not
    a clinical review.
    """

    sources = models.ManyToManyField(Source, blank=True, related_name="%(class)ss")
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When a clinician last checked the page against its sources.",
    )
    reviewed_by = models.CharField(
        max_length=150,
        blank=True,
        help_text="Name and role of that clinician, e.g. 'Hannah Okafor, MBAcC, clinical lead'.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Usually a year after the review, sooner if guidance is changing.",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.raise_field_errors(
            self._review_errors(),
            "A page is published only after a clinical review with a reviewer, a review "
            "date and the next review due. Open the page to record it.",
        )

    def _review_errors(self) -> dict[str, str]:
        errors = {}
        if self.is_published:
            missing = "A page is published only after a clinical review: fill this in."
            for field in ("reviewed_on", "reviewed_by", "next_review_due"):
                if not getattr(self, field):
                    errors[field] = missing
        if self.reviewed_on and self.reviewed_on > local_today():
            errors["reviewed_on"] = "The review date cannot be in the future."
        if self.reviewed_on and self.next_review_due and self.next_review_due <= self.reviewed_on:
            errors["next_review_due"] = "The next review must come after the last one."
        return errors

    @property
    def review_overdue(self) -> bool:
        return bool(self.next_review_due and self.next_review_due < local_today())


class Condition(ClinicallyReviewed):
    """A back problem people ask about; practitioners list the ones that interest them.

    A page here explains the problem and what acupuncture may or may not offer; it is
    not a claim to treat it.
    """

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(
        max_length=300, help_text="One or two sentences shown on cards and in search results."
    )
    body = models.TextField(help_text="What the condition is. Markdown.")
    how_acupuncture_may_help = models.TextField(
        blank=True,
        help_text="What the research does and does not show for this problem, in plain "
        "words: no promise of a cure. Markdown.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("condition_detail", kwargs={"slug": self.slug})


class InfoPage(ClinicallyReviewed):
    """A page of treatment information under /treatment/<slug>/."""

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(max_length=300)
    body = models.TextField(help_text="Markdown.")
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "information page"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("info_page", kwargs={"slug": self.slug})


class FAQEntry(models.Model):
    question = models.CharField(max_length=200)
    answer = models.TextField(help_text="Markdown.")
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField(default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question


class ContentVersion(models.Model):
    """A number that changes, in the same transaction, with every write to what the public
    pages show besides diaries: pages, conditions, practitioners' profiles and the rest of
    this app's and `practitioners`' models (clinic/page_cache.py keeps pages under it and
    under the diary versions). One row, CONTENT; a random number on each change, as the
    diary versions have, so one insert-or-update writes it."""

    key = models.CharField(max_length=20, primary_key=True)
    version = models.BigIntegerField()

    def __str__(self):
        return f"{self.key}: version {self.version}"
