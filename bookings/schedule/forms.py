from datetime import datetime, time, timedelta

from django import forms

from bookings.models import Booking
from clinic.clock import clinic_tz
from clinic.fields import BoundedDateField
from practitioners.models import TimeOff

VIEWS = [("day", "Day"), ("week", "Week"), ("agenda", "Next 14 days")]


class ScheduleQueryForm(forms.Form):
    view = forms.ChoiceField(choices=VIEWS, required=False)
    date = BoundedDateField(required=False, input_formats=["%Y-%m-%d"])
    practitioner = forms.SlugField(required=False, max_length=120)


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(Booking.Status.ATTENDED, "Attended"), (Booking.Status.NO_SHOW, "Did not come")]
    )


class TimeOffForm(forms.Form):
    """Time off in the clinic's wall clock; a whole day when the times are left empty."""

    start_date = BoundedDateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label="Start time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Leave empty for the whole day.",
    )
    end_date = BoundedDateField(label="Last day", widget=forms.DateInput(attrs={"type": "date"}))
    end_time = forms.TimeField(
        label="End time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Leave empty to include the whole last day.",
    )
    reason = forms.ChoiceField(choices=TimeOff.Reason.choices)
    note = forms.CharField(required=False, max_length=200)
    overlaps_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        tz = clinic_tz()
        start = datetime.combine(data["start_date"], data.get("start_time") or time.min, tzinfo=tz)
        if data.get("end_time"):
            end = datetime.combine(data["end_date"], data["end_time"], tzinfo=tz)
        else:
            end = datetime.combine(data["end_date"] + timedelta(days=1), time.min, tzinfo=tz)
        if end <= start:
            raise forms.ValidationError("The time off must end after it starts.")
        data["start"], data["end"] = start, end
        return data
