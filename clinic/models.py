"""What the clinic tells patients: conditions, information pages and the FAQ."""

from django.db import models
from django.urls import reverse


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Condition(models.Model):
    """A back condition the clinic treats; practitioners list the ones they specialise in."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(
        max_length=300, help_text="One or two sentences shown on cards and in search results."
    )
    body = models.TextField(help_text="What the condition is. Markdown.")
    how_acupuncture_may_help = models.TextField(
        blank=True, help_text="What acupuncture may offer, stated honestly. Markdown."
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


class InfoPage(models.Model):
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
