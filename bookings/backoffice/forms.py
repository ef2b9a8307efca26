"""The admin's booking forms. They check the time with the same service as the website, so
working hours, closures and no double booking hold for staff too; a broken rule becomes a
form error next to the start time, never a server error. The booking itself is made in
BookingAdmin.save_model, through the services."""

from datetime import datetime

from django import forms
from django.contrib.admin import widgets

from bookings import screening, services
from bookings.models import Booking
from clinic.clock import clinic_tz


class LocalDateTimeField(forms.SplitDateTimeField):
    """Date and time typed in the clinic's wall clock, whatever the staff browser's zone."""

    def compress(self, data_list):
        if data_list and all(data_list):
            return datetime.combine(*data_list, tzinfo=clinic_tz())
        return None


class NamedSplitDateTime(widgets.AdminSplitDateTime):
    """The admin's date and time boxes, each with its own accessible name: Django gives the
    pair one label, tied to neither box."""

    def __init__(self, attrs=None, *, name: str = "Start"):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = f"{name} date"
        self.widgets[1].attrs["aria-label"] = f"{name} time"


class BookingAddForm(forms.ModelForm):
    start = LocalDateTimeField(
        label="Start (clinic time)",
        widget=NamedSplitDateTime,
        help_text="Staff may book at short notice and at any minute, but never over another booking, time off or a closure.",
    )
    override_reason = forms.CharField(
        required=False,
        max_length=200,
        help_text="Required with the override: why this booking is outside working hours.",
    )

    class Meta:
        model = Booking
        fields = [
            "patient",
            "practitioner",
            "treatment",
            "start",
            "outside_hours_override",
            "override_reason",
            "patient_note",
            "staff_notes",
        ]
        labels = {"outside_hours_override": "Book outside working hours"}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("outside_hours_override") and not data.get("override_reason", "").strip():
            self.add_error("override_reason", "Give a reason for booking outside working hours.")
            return data
        try:
            services.check_time(
                practitioner=data["practitioner"],
                treatment=data["treatment"],
                start=data["start"],
                by_staff=True,
                override_hours=data.get("outside_hours_override", False),
            )
        except services.SlotUnavailable as error:
            self.add_error("start", str(error))
        except services.BookingError as error:
            raise forms.ValidationError(str(error)) from error
        return data


class BookingChangeForm(forms.ModelForm):
    """Moving goes through services.reschedule; other fields are notes."""

    start = LocalDateTimeField(label="Start (clinic time)", widget=NamedSplitDateTime)
    override_hours = forms.BooleanField(required=False, label="Move outside working hours")

    class Meta:
        model = Booking
        fields = ["start", "override_hours", "staff_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["start"] = self.instance.start.astimezone(clinic_tz())

    def clean(self):
        data = super().clean()
        start = data.get("start")
        if start and start != Booking.objects.values_list("start", flat=True).get(
            pk=self.instance.pk
        ):
            try:
                services.check_time(
                    practitioner=self.instance.practitioner,
                    treatment=self.instance.treatment,
                    start=start,
                    by_staff=True,
                    override_hours=data.get("override_hours", False),
                    exclude_booking=self.instance,
                )
            except services.BookingError as error:
                self.add_error("start", str(error))
        return data


def screening_summary(booking: Booking) -> list[tuple[str, bool]]:
    """Each caution question with the patient's answer, for the booking page."""
    return [(q.text, bool(booking.screening_answers.get(q.key))) for q in screening.CAUTIONS]
