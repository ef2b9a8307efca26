"""The booking list's filters beside the admin's own: when, and whether on a patient record."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone

from clinic.clock import day_range, local_today


class UpcomingFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("today", "Today"),
            ("week", "Next 7 days"),
            ("upcoming", "Upcoming"),
            ("past", "Past"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        today_start, today_end = day_range(local_today(), local_today())
        return {
            "today": lambda: queryset.filter(start__gte=today_start, start__lt=today_end),
            "week": lambda: queryset.filter(
                start__gte=today_start, start__lt=today_start + timedelta(days=7)
            ),
            "upcoming": lambda: queryset.filter(start__gte=now),
            "past": lambda: queryset.filter(start__lt=now),
        }.get(self.value(), lambda: queryset)()


class RecordFilter(admin.SimpleListFilter):
    title = "patient record"
    parameter_name = "record"

    def lookups(self, request, model_admin):
        return [("waiting", "Not yet on a record"), ("on", "On a record")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(patient__isnull=True)
        if self.value() == "on":
            return queryset.filter(patient__isnull=False)
        return queryset
