from django.contrib import admin

from bookings.models import Booking, ClinicClosure, OutgoingEmail, Patient, Treatment


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "duration_minutes",
        "buffer_minutes",
        "price",
        "patient_kind",
        "is_active",
    ]
    list_filter = ["is_active", "patient_kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["practitioners"]


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "phone", "date_of_birth"]
    search_fields = ["first_name", "last_name", "email", "phone"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "start",
        "practitioner",
        "treatment",
        "patient",
        "status",
        "needs_attention",
    ]
    list_filter = ["status", "needs_attention", "practitioner", "treatment"]
    search_fields = [
        "reference",
        "patient__first_name",
        "patient__last_name",
        "patient__email",
        "patient__phone",
    ]
    date_hierarchy = "start"
    list_select_related = ["practitioner", "treatment", "patient"]
    autocomplete_fields = ["patient", "practitioner"]


@admin.register(ClinicClosure)
class ClinicClosureAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    date_hierarchy = "start_date"


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["kind", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
