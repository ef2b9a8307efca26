"""The clinic's back office in the Django admin: treatments, patients, closures, the
outbox and screening stops here; bookings in `booking_admin`."""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from bookings import services
from bookings.backoffice import booking_admin  # noqa: F401  (registers Booking)
from bookings.models import (
    Booking,
    ClinicClosure,
    ErasureRequest,
    OutgoingEmail,
    Patient,
    ScreeningStop,
    Treatment,
)
from bookings.selectors import bookings_for_email
from clinic.admin_site import BoundedDatesMixin


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
    readonly_fields = ["created_at", "updated_at", "erased_at"]
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
class ClinicClosureAdmin(BoundedDatesMixin, admin.ModelAdmin):
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
    list_display = ["shown_at", "outcome", "screening_version"]
    list_filter = ["outcome", "screening_version"]
    readonly_fields = ["shown_at", "outcome", "screening_version"]

    def has_add_permission(self, request):
        return False


@admin.action(description="Erase these patients' data (asks to confirm)", permissions=["change"])
def erase_requested(model_admin, request, queryset):
    """First a page that lists what each erasure takes (nothing happens on it); the
    confirmation on that page erases through services.erase."""
    pending = list(queryset.filter(status=ErasureRequest.Status.PENDING))
    if request.POST.get("confirmed") != "yes":
        rows = [(r, bookings_for_email(r.email).count()) for r in pending]
        return TemplateResponse(
            request,
            "admin/bookings/erasure_confirm.html",
            {**model_admin.admin_site.each_context(request), "rows": rows, "title": "Erase"},
        )
    for erasure_request in pending:
        services.erase(erasure_request=erasure_request, by=request.user)
    model_admin.message_user(request, f"{len(pending)} patient(s) erased.", messages.SUCCESS)
    return None


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    """Patients' requests from "my bookings". A clinic manager confirms each one."""

    list_display = ["__str__", "requested_at", "status", "patient", "done_at", "done_by"]
    list_filter = ["status"]
    readonly_fields = ["email", "patient", "status", "requested_at", "done_at", "done_by"]
    actions = [erase_requested]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
