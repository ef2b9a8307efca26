"""The booking list's bulk actions. Each goes through the same services as the website."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from bookings import emails, services
from bookings.backoffice.csv_export import bookings_csv
from bookings.models import Booking
from clinic.clock import local_today


def _attendance(model_admin, request: HttpRequest, queryset: QuerySet, status: str, label: str):
    done, refused = 0, []
    for booking in queryset:
        try:
            services.mark_attendance(booking=booking, status=status)
            done += 1
        except services.BookingError as error:
            refused.append(f"{booking.reference}: {error}")
    if done:
        model_admin.message_user(request, f"{done} booking(s) marked {label}.", messages.SUCCESS)
    for line in refused:
        model_admin.message_user(request, line, messages.WARNING)


@admin.action(description="Mark attended", permissions=["change"])
def mark_attended(model_admin, request: HttpRequest, queryset: QuerySet) -> None:
    _attendance(model_admin, request, queryset, Booking.Status.ATTENDED, "attended")


@admin.action(description="Mark no-show", permissions=["change"])
def mark_no_show(model_admin, request: HttpRequest, queryset: QuerySet) -> None:
    _attendance(model_admin, request, queryset, Booking.Status.NO_SHOW, "no-show")


@admin.action(description="Cancel and email the patient", permissions=["change"])
def cancel_bookings(model_admin, request: HttpRequest, queryset: QuerySet) -> None:
    done = 0
    for booking in queryset:
        try:
            services.cancel(booking=booking, reason="Cancelled by the clinic", by_staff=True)
            done += 1
        except services.BookingError as error:
            model_admin.message_user(request, f"{booking.reference}: {error}", messages.WARNING)
    if done:
        model_admin.message_user(
            request, f"{done} booking(s) cancelled; patients emailed.", messages.SUCCESS
        )


@admin.action(description="Resend the confirmation email", permissions=["change"])
def resend_confirmation(model_admin, request: HttpRequest, queryset: QuerySet) -> None:
    active = [
        b
        for b in queryset.select_related("patient", "practitioner", "treatment")
        if b.status == Booking.Status.CONFIRMED
    ]
    for booking in active:
        # The practitioner was told when it was made; a resend is for the patient only.
        emails.booking_confirmed(booking, tell_practitioner=False)
    model_admin.message_user(
        request, f"Confirmation queued for {len(active)} booking(s).", messages.SUCCESS
    )


@admin.action(description="Add to the patient record with the same email", permissions=["change"])
def link_to_record(model_admin, request: HttpRequest, queryset: QuerySet) -> None:
    """For bookings made online with an address that already had a record: staff have
    compared the details (shown on each booking's page) and put the booking on it."""
    for booking in queryset.filter(patient__isnull=True):
        try:
            differing = services.link_by_staff(booking=booking)
        except services.BookingError as error:
            model_admin.message_user(request, str(error), messages.WARNING)
            continue
        note = f" Differences kept on the booking: {', '.join(differing)}." if differing else ""
        model_admin.message_user(
            request, f"{booking.reference} added to the patient record.{note}", messages.SUCCESS
        )


@admin.action(description="Export as CSV", permissions=["view"])
def export_csv(model_admin, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
    rows = queryset.select_related("patient", "practitioner", "treatment").order_by("start")
    # A byte-order mark, so Excel on Windows reads the file as UTF-8 (names like Wróbel).
    response = HttpResponse("\ufeff" + bookings_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="bookings-{local_today():%Y-%m-%d}.csv"'
    )
    return response
