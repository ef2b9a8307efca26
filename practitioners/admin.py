from django.contrib import admin
from django.db import models

from clinic.admin_site import BoundedDatesMixin
from practitioners.models import Language, Practitioner, TimeOff, WorkingHours


class WorkingHoursInline(BoundedDatesMixin, admin.TabularInline):
    model = WorkingHours
    extra = 0


class TimeOffInline(BoundedDatesMixin, admin.TabularInline):
    model = TimeOff
    extra = 0
    ordering = ["-start"]


@admin.register(Practitioner)
class PractitionerAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "register", "registration_number", "is_listed", "order"]
    list_editable = ["is_listed", "order"]
    list_filter = ["is_listed", "specialties", "languages", "register"]
    search_fields = ["name", "registration_number", "user__username", "user__email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["specialties", "languages"]
    autocomplete_fields = ["user"]
    inlines = [WorkingHoursInline, TimeOffInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "title", "photo", "is_listed", "order", "user"]}),
        ("Profile", {"fields": ["biography", "qualifications", "practising_since"]}),
        ("Registration", {"fields": ["register", "registration_number", "register_url"]}),
        ("Specialties and languages", {"fields": ["specialties", "languages"]}),
    ]


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
