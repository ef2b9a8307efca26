"""The clinic's back office in the Django admin: treatments, patients, closures, the
outbox and screening stops here; bookings in `booking_admin`."""

from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from bookings.backoffice import booking_admin  # noqa: F401  (registers Booking)
from bookings.backoffice.waitlist import admin as waitlist_admin  # noqa: F401  (the waiting list)
from bookings.models import Booking, ClinicClosure, OutgoingEmail, Patient, ScreeningStop, Treatment


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "duration_minutes",
        "buffer_minutes",
        "price",
        "patient_kind",
        "is_active",
        "order",
    ]
    list_editable = ["is_active", "order"]
    list_filter = ["is_active", "patient_kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["practitioners"]


class PatientBookingInline(admin.TabularInline):
    model = Booking
    fields = ["reference", "start", "practitioner", "treatment", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["-start"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Patient)
class PatientAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "email", "phone", "date_of_birth", "booking_count"]
    search_fields = ["first_name", "last_name", "email", "phone"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [PatientBookingInline]

    def get_queryset(self, request):
        # Aggregating drops Meta.ordering, so order again: autocomplete pages through this.
        return (
            super()
            .get_queryset(request)
            .annotate(n_bookings=Count("bookings"))
            .order_by("last_name", "first_name", "pk")
        )

    @admin.display(description="Bookings", ordering="n_bookings")
    def booking_count(self, obj):
        return obj.n_bookings


@admin.register(ClinicClosure)
class ClinicClosureAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    date_hierarchy = "start_date"
    search_fields = ["name"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["kind", "subject", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ScreeningStop)
class ScreeningStopAdmin(admin.ModelAdmin):
    list_display = ["shown_at", "screening_version"]
    readonly_fields = ["shown_at", "screening_version"]

    def has_add_permission(self, request):
        return False
