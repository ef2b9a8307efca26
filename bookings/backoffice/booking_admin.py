"""The bookings list and booking page of the back office. Staff book and move through the
same services as the website; the day sheet and week live in `views`."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from bookings import services
from bookings.backoffice import actions, views
from bookings.backoffice.filters import RecordFilter, UpcomingFilter
from bookings.backoffice.forms import BookingAddForm, BookingChangeForm, given_details_table
from bookings.forms import parse_start
from bookings.models import Booking
from clinic.admin_site import BoundedDatesMixin
from clinic.clock import clinic_tz

ROW = "<li>{}: <strong>{}</strong></li>"
ROW_LOOK = '<li class="screening-flag">{}: <strong>{}</strong></li>'  # not "no", or not asked

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
class BookingAdmin(BoundedDatesMixin, SimpleHistoryAdmin):
    list_display = [
        "reference",
        "start_local",
        "practitioner",
        "treatment",
        "who",
        "status",
        "attention",
    ]
    list_filter = [
        UpcomingFilter,
        RecordFilter,
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
        "given_first_name",
        "given_last_name",
        "given_email",
        "given_phone",
    ]
    date_hierarchy = "start"
    list_select_related = ["practitioner", "treatment", "patient"]
    autocomplete_fields = ["patient", "practitioner"]
    ordering = ["-start"]
    actions = [
        actions.mark_attended,
        actions.mark_no_show,
        actions.cancel_bookings,
        actions.resend_confirmation,
        actions.link_to_record,
        actions.export_csv,
    ]
    readonly_fields = [
        "reference",
        "patient",
        "given_details",
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

    class Media:
        js = ["js/admin-autocomplete-names.js"]

    def view_on_site(self, obj):
        # The patient's manage page needs the patient's secret link; staff see the booking
        # on the schedule's booking page instead, with its screening answers.
        return reverse("schedule:booking", args=[obj.reference])

    def get_changeform_initial_data(self, request):
        """A free gap on the day sheet links here with ?practitioner=<id>&start=<ISO time>;
        a start that does not parse is simply left out."""
        initial = super().get_changeform_initial_data(request)
        start = parse_start(request.GET.get("start", ""))
        initial.pop("start", None)
        if start is not None:
            initial["start"] = start.astimezone(clinic_tz())
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = BookingChangeForm if obj else BookingAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (None, {"fields": BookingAddForm.Meta.fields}),
                (
                    "Health screening: warning signs",
                    {
                        "description": "Read each question to the patient. Anything you "
                        'did not ask stays "not asked": the practitioner asks it before '
                        "needling.",
                        "fields": BookingAddForm.warning_fields,
                    },
                ),
                ("Health screening: before needling", {"fields": BookingAddForm.caution_fields}),
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
                        "given_details",
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
        """Every booking and move goes through the services, under the practitioner's lock.
        The form has already checked the time; the service checks again."""
        data = form.cleaned_data
        if change:
            if data["start"] != Booking.objects.values_list("start", flat=True).get(pk=obj.pk):
                services.reschedule(
                    booking=obj,
                    new_start=data["start"],
                    by_staff=True,
                    override_hours=data.get("override_hours", False),
                )
            obj.refresh_from_db()
            obj.staff_notes = data.get("staff_notes", "")
            obj.save(update_fields=["staff_notes", "updated_at"])
            return
        booking = services.book(
            practitioner=data["practitioner"],
            treatment=data["treatment"],
            start=data["start"],
            patient=data["patient"],
            screening_answers=form.screening_answers,
            consented=False,
            patient_note=data.get("patient_note", ""),
            created_by=request.user,
            override_hours=data.get("outside_hours_override", False),
            override_reason=data.get("override_reason", ""),
        )
        if data.get("staff_notes"):
            booking.staff_notes = data["staff_notes"]
            booking.save(update_fields=["staff_notes", "updated_at"])
        obj.pk = booking.pk
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.SlotUnavailable:
            # The time went between the form's check and the save (nothing was saved).
            # Showing the form again runs the check again, which now puts the clash next
            # to the start time, with everything typed kept.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path("day/", self.admin_site.admin_view(self.day_sheet), name="bookings_booking_day"),
            path("week/", self.admin_site.admin_view(self.week), name="bookings_booking_week"),
            *super().get_urls(),
        ]

    def day_sheet(self, request):
        return views.day_sheet_page(request, self)

    def week(self, request):
        return views.week_page(request, self)

    def has_delete_permission(self, request, obj=None):
        # Bookings are cancelled, never deleted: the clinical and audit trail stays.
        return False

    @admin.display(description="Patient", ordering="given_last_name")
    def who(self, obj):
        if obj.patient_id is None:
            return format_html("{} <em>(not on a record)</em>", obj.person.full_name)
        return obj.person.full_name

    @admin.display(description="Details given with the booking")
    def given_details(self, obj):
        return given_details_table(obj)

    @admin.display(description="Start", ordering="start")
    def start_local(self, obj):
        return timezone.localtime(obj.start).strftime("%a %d %b %Y %H:%M")

    @admin.display(description="Screening", boolean=False, ordering="needs_attention")
    def attention(self, obj):
        flags = obj.screening_flags
        if not flags:
            return ""
        return format_html('<strong class="screening-flag">⚠ {}</strong>', "; ".join(flags))

    @admin.display(description="Health screening")
    def screening(self, obj):
        flags = format_html_join(
            "",
            '<li class="screening-flag"><strong>{}</strong></li>',
            ((f,) for f in obj.screening_flags),
        )
        rows = format_html_join(
            "",
            "{}",
            (
                (format_html(ROW_LOOK if row.needs_a_look else ROW, row.question.text, row.label),)
                for row in obj.screening_rows
            ),
        )
        return format_html(
            '<ul class="screening-flags">{}</ul><ul class="screening-answers">{}</ul>'
            "<p>Screening version {}.</p>",
            flags,
            rows,
            obj.screening_version,
        )

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
