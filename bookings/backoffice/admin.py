"""The clinic's back office: bookings, patients, treatments, closures, and the day sheet."""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from bookings import emails, screening, services
from bookings.backoffice.csv_export import bookings_csv
from bookings.backoffice.forms import BookingAddForm, BookingChangeForm, screening_summary
from bookings.models import Booking, ClinicClosure, OutgoingEmail, Patient, ScreeningStop, Treatment
from bookings.patient.forms import DateQueryForm
from bookings.selectors import day_sheet, week_days
from clinic.clock import day_range, local_today
from practitioners.models import Practitioner

admin.site.site_header = "Clinic administration"
admin.site.site_title = "Clinic admin"
admin.site.index_template = "admin/clinic_index.html"


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


# Who made a booking, how, and what happened to it: shown, never edited.
AUDIT_FIELDS = [
    "source",
    "created_by",
    "outside_hours_override",
    "override_reason",
    "consented_at",
    "cancelled_at",
    "cancellation_reason",
    "reminder_sent_at",
    "created_at",
    "updated_at",
]


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "start_local",
        "practitioner",
        "treatment",
        "patient",
        "status",
        "attention",
    ]
    list_filter = [
        UpcomingFilter,
        "status",
        "needs_attention",
        "practitioner",
        "treatment",
        "source",
    ]
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
    ordering = ["-start"]
    actions = [
        "mark_attended",
        "mark_no_show",
        "cancel_bookings",
        "resend_confirmation",
        "export_csv",
    ]
    readonly_fields = [
        "reference",
        "patient",
        "practitioner",
        "treatment",
        "end",
        "status",
        "screening",
        "patient_note",
        *AUDIT_FIELDS,
        "recent_changes",
    ]
    history_list_display = ["status", "start"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = BookingChangeForm if obj else BookingAddForm
        form = super().get_form(request, obj, change=change, **kwargs)

        class WithRequest(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return WithRequest

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {"fields": BookingAddForm.Meta.fields},
                )
            ]
        return [
            ("Before treatment", {"fields": ["screening", "patient_note"]}),
            (
                "Booking",
                {
                    "fields": [
                        "reference",
                        "status",
                        "patient",
                        "practitioner",
                        "treatment",
                        "start",
                        "end",
                        "override_hours",
                        "staff_notes",
                    ]
                },
            ),
            (
                "Audit",
                {
                    "classes": ["collapse"],
                    "fields": AUDIT_FIELDS,
                },
            ),
            ("Changes", {"fields": ["recent_changes"]}),
        ]

    def save_model(self, request, obj, form, change):
        if not change:
            return  # services.book saved it inside the form's validation
        obj.save(update_fields=["staff_notes", "updated_at"])

    def has_delete_permission(self, request, obj=None):
        # Bookings are cancelled, never deleted: the clinical and audit trail stays.
        return False

    @admin.display(description="Start", ordering="start")
    def start_local(self, obj):
        return timezone.localtime(obj.start).strftime("%a %d %b %Y %H:%M")

    @admin.display(description="Screening", boolean=False, ordering="needs_attention")
    def attention(self, obj):
        if not obj.needs_attention:
            return ""
        return format_html(
            '<strong class="screening-flag">⚠ {}</strong>',
            "; ".join(screening.flags_for_keys(obj.caution_keys)),
        )

    @admin.display(description="Health screening")
    def screening(self, obj):
        if not obj.screening_answers:
            return "Not asked (booked by staff): ask before needling."
        rows = format_html_join(
            "",
            '<li class="{}">{}: <strong>{}</strong></li>',
            (
                ("screening-flag" if yes else "", text, "Yes" if yes else "No")
                for text, yes in screening_summary(obj)
            ),
        )
        return format_html('<ul class="screening-answers">{}</ul>', rows)

    @admin.display(description="Recent changes")
    def recent_changes(self, obj):
        records = list(obj.history.select_related("history_user").order_by("-history_date")[:10])
        lines = []
        for newer, older in zip(records, [*records[1:], None], strict=False):
            if older is None:
                what = "created"
            else:
                delta = newer.diff_against(older)
                what = ", ".join(f"{c.field}: {c.old} → {c.new}" for c in delta.changes) or "saved"
            who = newer.history_user.get_username() if newer.history_user else "patient (online)"
            lines.append(
                (timezone.localtime(newer.history_date).strftime("%d %b %Y %H:%M"), who, what)
            )
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} · {} · {}</li>", lines))

    # --- actions ----------------------------------------------------------------------

    def _attendance(self, request, queryset, status, label):
        done, refused = 0, []
        for booking in queryset:
            try:
                services.mark_attendance(booking=booking, status=status)
                done += 1
            except services.BookingError as error:
                refused.append(f"{booking.reference}: {error}")
        if done:
            self.message_user(request, f"{done} booking(s) marked {label}.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description="Mark attended", permissions=["change"])
    def mark_attended(self, request, queryset):
        self._attendance(request, queryset, Booking.Status.ATTENDED, "attended")

    @admin.action(description="Mark no-show", permissions=["change"])
    def mark_no_show(self, request, queryset):
        self._attendance(request, queryset, Booking.Status.NO_SHOW, "no-show")

    @admin.action(description="Cancel and email the patient", permissions=["change"])
    def cancel_bookings(self, request, queryset):
        done = 0
        for booking in queryset:
            try:
                services.cancel(booking=booking, reason="Cancelled by the clinic", by_staff=True)
                done += 1
            except services.BookingError as error:
                self.message_user(request, f"{booking.reference}: {error}", messages.WARNING)
        if done:
            self.message_user(
                request, f"{done} booking(s) cancelled; patients emailed.", messages.SUCCESS
            )

    @admin.action(description="Resend the confirmation email", permissions=["change"])
    def resend_confirmation(self, request, queryset):
        active = [
            b
            for b in queryset.select_related("patient", "practitioner", "treatment")
            if b.status == Booking.Status.CONFIRMED
        ]
        for booking in active:
            emails.booking_confirmed(booking)
        self.message_user(
            request, f"Confirmation queued for {len(active)} booking(s).", messages.SUCCESS
        )

    @admin.action(description="Export as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        rows = queryset.select_related("patient", "practitioner", "treatment").order_by("start")
        response = HttpResponse(bookings_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="bookings-{local_today():%Y-%m-%d}.csv"'
        )
        return response

    # --- day sheet and week ---------------------------------------------------------------

    def get_urls(self):
        return [
            path("day/", self.admin_site.admin_view(self.day_view), name="bookings_booking_day"),
            path("week/", self.admin_site.admin_view(self.week_view), name="bookings_booking_week"),
            *super().get_urls(),
        ]

    def _day_param(self, request):
        return DateQueryForm.parse(request.GET, default=local_today())

    def day_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        day = self._day_param(request)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Day sheet: {day:%A %d %B %Y}",
            "day": day,
            "prev_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "columns": day_sheet(day),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/bookings/day_sheet.html", context)

    def week_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        day = self._day_param(request)
        practitioners = Practitioner.objects.all()
        chosen = (
            practitioners.filter(slug=request.GET.get("practitioner", "")).first()
            or practitioners.first()
        )
        days = week_days(day)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Week of {days[0]:%d %B %Y}" + (f": {chosen.name}" if chosen else ""),
            "practitioners": practitioners,
            "chosen": chosen,
            "days": [(d, day_sheet(d, [chosen]) if chosen else []) for d in days],
            "prev_week": days[0] - timedelta(days=7),
            "next_week": days[0] + timedelta(days=7),
            "monday": days[0],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/bookings/week.html", context)


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
