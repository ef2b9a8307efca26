"""Courses in the back office: reception plans a course for a patient (the add page runs
the same planner as the practitioner's schedule), follows it, and can end it."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from bookings import services
from bookings.courses.forms import WEEKDAYS, CoursePlanner
from bookings.courses.models import Course, CourseSession
from bookings.courses.progress import Review
from bookings.courses.selectors import course_reviews
from bookings.models import Patient
from clinic.clock import local_today
from practitioners.models import Practitioner


class CourseSessionInline(admin.TabularInline):
    model = CourseSession
    fields = ["number", "booking_link", "session_status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["number"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("booking")

    @admin.display(description="Booking")
    def booking_link(self, obj):
        url = reverse("admin:bookings_booking_change", args=[obj.booking_id])
        when = timezone.localtime(obj.booking.start).strftime("%a %d %b %Y %H:%M")
        return format_html('<a href="{}">{}</a> ({})', url, when, obj.booking.reference)

    @admin.display(description="Status")
    def session_status(self, obj):
        return obj.booking.get_status_display()


@admin.action(
    description="End the course: cancel future sessions and email the patient",
    permissions=["change"],
)
def cancel_courses(model_admin, request: HttpRequest, queryset: QuerySet) -> None:
    for course in queryset.select_related("practitioner"):
        try:
            freed = services.cancel_course(course=course, reason="Course ended by the clinic")
        except services.BookingError as error:
            model_admin.message_user(request, f"Course {course.pk}: {error}", messages.WARNING)
        else:
            model_admin.message_user(
                request,
                f"Course {course.pk}: {len(freed)} future session(s) cancelled.",
                messages.SUCCESS,
            )


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = [
        "patient",
        "practitioner",
        "treatment",
        "sessions_planned",
        "rhythm",
        "status",
        "review",
        "created_at",
    ]
    list_filter = ["status", "practitioner", "rhythm"]
    search_fields = ["patient__first_name", "patient__last_name", "patient__email"]
    list_select_related = ["patient", "practitioner", "treatment"]
    autocomplete_fields = ["patient", "practitioner"]
    ordering = ["-created_at"]
    actions = [cancel_courses]
    inlines = [CourseSessionInline]
    fields = [
        "patient",
        "practitioner",
        "treatment",
        "sessions_planned",
        "rhythm",
        "preferred_day",
        "preferred_time",
        "activity_1",
        "activity_2",
        "activity_3",
        "status",
        "created_by",
        "created_at",
        "cancelled_at",
    ]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False  # sessions are cancelled, never deleted

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Everything here is read-only: a course changes through its sessions and actions.
        no_saving = {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), **no_saving}
        )

    @admin.display(description="Preferred day")
    def preferred_day(self, obj):
        return WEEKDAYS[obj.weekday][1]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        self._reviews = course_reviews([c.pk for c in changelist.result_list])
        return changelist

    @admin.display(description="Progress")
    def review(self, obj):
        state = getattr(self, "_reviews", {}).get(obj.pk)
        if state is Review.NO_CHANGE:
            return format_html('<strong class="review-flag">{}</strong>', state.value)
        return state.value if state else ""

    def add_view(self, request: HttpRequest, form_url="", extra_context=None):
        """Planning replaces the usual add form: propose, adjust, book all as one."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        planner = CoursePlanner(
            request.POST or None,
            patients=Patient.objects.all(),
            practitioners=Practitioner.objects.all(),
            widgets={
                "patient": AutocompleteSelect(Course._meta.get_field("patient"), self.admin_site)
            },
            initial={"first_day": local_today(), "sessions": 6},
        )
        course = planner.run(created_by=request.user)
        if course is not None:
            self.message_user(
                request,
                f"{course.sessions_planned} sessions booked for {course.patient}; the patient has been emailed.",
                messages.SUCCESS,
            )
            return redirect("admin:bookings_course_change", course.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Plan a course",
            "planner": planner,
            "media": self.media + planner.plan.media,
        }
        return TemplateResponse(request, "admin/bookings/course/plan.html", context)
