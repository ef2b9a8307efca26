"""The admin's booking forms. They check the time with the same service as the website, so
working hours, closures and no double booking hold for staff too; a broken rule becomes a
form error next to the start time, never a server error. The booking itself is made in
BookingAdmin.save_model, through the services."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib.admin import widgets
from django.utils.html import format_html, format_html_join

from bookings import screening, services, triage
from bookings.models import Booking, Patient
from clinic.clock import clinic_tz, local_date
from clinic.fields import BoundedSplitDateTimeField

NOT_ASKED = "not_asked"
STAFF_ANSWERS = [
    *[(a.value, screening.ANSWER_LABELS[a]) for a in screening.Answer],
    (NOT_ASKED, "Not asked (ask before needling)"),
]
ONLY_IF = {
    screening.NEW_EPISODE.key: "Only if the patient is under 20 or over 50: ",
    screening.DOCTOR_CHECKED.key: "Only if a warning sign above is yes: ",
}
WARNING_QUESTIONS = [*screening.WARNING_SIGNS, screening.NEW_EPISODE, screening.DOCTOR_CHECKED]


def _staff_question(question: screening.Question) -> forms.ChoiceField:
    """The patient's question, read out by staff; "not asked" is recorded as such, so
    nobody later reads a "No" that the patient never said."""
    choices = STAFF_ANSWERS
    if question is screening.DOCTOR_CHECKED:
        choices = [c for c in STAFF_ANSWERS if c[0] != screening.Answer.NOT_SURE]
    return forms.ChoiceField(
        label=ONLY_IF.get(question.key, "") + question.text,
        choices=choices,
        initial=NOT_ASKED,
        widget=widgets.AdminRadioSelect(attrs={"class": "radiolist inline"}),
    )


# Declared on a base class so the admin's form factory knows them as form fields.
StaffScreeningForm = type(
    "StaffScreeningForm",
    (forms.Form,),
    {f"q_{q.key}": _staff_question(q) for q in WARNING_QUESTIONS + screening.CAUTIONS},
)


class LocalDateTimeField(BoundedSplitDateTimeField):
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


class BookingAddForm(StaffScreeningForm, forms.ModelForm):
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

    warning_fields = [f"q_{q.key}" for q in WARNING_QUESTIONS]
    caution_fields = [f"q_{q.key}" for q in screening.CAUTIONS]

    @property
    def screening_answers(self) -> dict[str, str]:
        """The answers given; a question marked "not asked" has no answer at all."""
        return {
            q.key: self.cleaned_data[f"q_{q.key}"]
            for q in WARNING_QUESTIONS + screening.CAUTIONS
            if self.cleaned_data.get(f"q_{q.key}", NOT_ASKED) != NOT_ASKED
        }

    def _refuse_unsafe_answers(self, data: dict) -> None:
        """A warning sign that needs 999, A&E, 111 or a GP is never booked: say what to
        tell the patient. Anything else books, flagged for the practitioner."""
        age = triage.age_on(data["patient"].date_of_birth, local_date(data["start"]))
        result = triage.assess(self.screening_answers, age=age)
        if result.stops_staff:
            advice = screening.ADVICE[result.level]
            reasons = "; ".join(f.reason for f in result.findings if f.level is result.level)
            raise forms.ValidationError(
                f"Do not book. Tell the patient: {advice.heading}. "
                f"{advice.text.format(phone=settings.CLINIC_PHONE)} (They told you about: {reasons}.)"
            )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self._refuse_unsafe_answers(data)
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


GIVEN_ROWS = [
    ("first name", "first_name"),
    ("last name", "last_name"),
    ("date of birth", "date_of_birth"),
    ("phone", "phone"),
    ("email", "email"),
]


def given_details_table(booking: Booking):
    """What was given with the booking beside the record of the same address, with each
    difference marked, so staff can judge whether it is the same person before linking."""
    record = booking.patient or Patient.objects.filter(email=booking.given_email).first()
    differing = set(services.differences(booking, record)) if record else set()
    rows = format_html_join(
        "",
        '<tr class="{}"><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
        (
            (
                "screening-flag" if label in differing else "",
                label,
                getattr(booking, f"given_{field}") or "–",
                (getattr(record, field) or "–") if record else "no record with this address",
            )
            for label, field in GIVEN_ROWS
        ),
    )
    status = (
        "On this record."
        if booking.patient_id
        else "Not yet on a record: the details below differ or the patient has not confirmed."
        if record
        else "No record has this address yet."
    )
    return format_html(
        '<p>{}</p><table><tr><th></th><th scope="col">Given with the booking</th>'
        '<th scope="col">Patient record</th></tr>{}</table>',
        status,
        rows,
    )
