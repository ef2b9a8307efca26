from django.contrib import admin
from django.db import models

from clinic.admin_site import BoundedDatesMixin
from practitioners.models import Language, Practitioner, Registration, TimeOff, WorkingHours


class RegistrationInline(admin.StackedInline):
    model = Registration
    extra = 0
    fields = ["body", "kind", "number", "check_url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class WorkingHoursInline(BoundedDatesMixin, admin.TabularInline):
    model = WorkingHours
    extra = 0


class TimeOffInline(BoundedDatesMixin, admin.TabularInline):
    model = TimeOff
    extra = 0
    ordering = ["-start"]


@admin.register(Practitioner)
class PractitionerAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "registered_with", "is_listed", "is_fictional", "order"]
    list_editable = ["is_listed", "order"]
    list_filter = ["is_listed", "is_fictional", "registrations__kind", "specialties", "languages"]
    search_fields = ["name", "registrations__number", "user__username", "user__email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["specialties", "languages"]
    autocomplete_fields = ["user"]
    inlines = [RegistrationInline, WorkingHoursInline, TimeOffInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "title", "title_note", "photo", "is_listed", "order"]}),
        ("Login", {"fields": ["user"]}),
        ("Profile", {"fields": ["biography", "qualifications", "practising_since"]}),
        ("Specialties and languages", {"fields": ["specialties", "languages"]}),
        ("Demo data", {"fields": ["is_fictional"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("registrations")

    @admin.display(description="registered with")
    def registered_with(self, practitioner):
        return ", ".join(str(r) for r in practitioner.registrations.all()) or "-"


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TimeOff)
class TimeOffAdmin(BoundedDatesMixin, admin.ModelAdmin):
    list_display = ["practitioner", "start", "end", "reason", "note"]
    list_filter = ["reason", "practitioner"]
    date_hierarchy = "start"
    autocomplete_fields = ["practitioner"]
    search_fields = ["practitioner__name", "note"]


@admin.register(WorkingHours)
class WorkingHoursAdmin(BoundedDatesMixin, admin.ModelAdmin):
    list_display = ["practitioner", "weekday", "start", "end", "valid_from", "valid_until"]
    list_filter = ["weekday", "practitioner"]
    autocomplete_fields = ["practitioner"]
