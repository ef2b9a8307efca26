import re
import secrets
from datetime import date

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.functional import cached_property

from bookings import screening, triage
from bookings.forms import parse_start
from bookings.models import Treatment
from bookings.patient.choices import condition_refusal, published_condition
from bookings.selectors import bookable_practitioner
from bookings.services import PatientDetails
from clinic.clock import local_date, local_today

PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{7,20}$")


ANSWER_CHOICES = [(a.value, screening.ANSWER_LABELS[a]) for a in screening.Answer]
# Shown before the follow-up questions, which only some people need to answer.
ONLY_IF = {
    screening.NEW_EPISODE.key: "Only if you are under 20 or over 50: ",
    screening.DOCTOR_CHECKED.key: "Only if you answered yes to a question above: ",
}


class ScreeningField(forms.ChoiceField):
    """One health question: yes, no or not sure. The main questions must be answered."""

    def __init__(self, question: screening.Question, *, required: bool = True):
        choices = ANSWER_CHOICES
        if question is screening.DOCTOR_CHECKED:
            choices = ANSWER_CHOICES[:2]
        super().__init__(
            label=ONLY_IF.get(question.key, "") + question.text,
            choices=choices,
            required=required,
            widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            error_messages={"required": "Please answer yes, no or not sure."},
        )


class DetailsForm(forms.Form):
    """The last step: who the patient is, the health screening and consent."""

    treatment = forms.CharField(widget=forms.HiddenInput)
    practitioner = forms.CharField(widget=forms.HiddenInput)
    start = forms.CharField(widget=forms.HiddenInput)
    condition = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    first_name = forms.CharField(
        max_length=60,
        label="First name",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        max_length=60,
        label="Last name",
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Your confirmation and the link to manage your booking go here.",
    )
    phone = forms.CharField(
        max_length=20,
        label="Mobile or phone number",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    patient_note = forms.CharField(
        required=False,
        max_length=1000,
        label="Anything your practitioner should know? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label="I have read the risks above and agree to be assessed and treated.",
        error_messages={"required": "Please confirm you agree to treatment to book."},
    )
    privacy = forms.BooleanField(
        label="I agree to the clinic keeping these details and answers as described in the privacy notice.",
        error_messages={"required": "Please agree to the privacy notice to book."},
    )

    # The screening questions' fields (q_<key>) are added below the class, once: each
    # form copies them, as it does its declared fields, instead of building 22 anew.

    @cached_property
    def helper(self) -> FormHelper:
        """The layout crispy-forms renders; built only for a form that is shown, not for
        every form that is posted."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            "treatment",
            "practitioner",
            "start",
            "condition",
            "idempotency_key",
            Fieldset("Your details", "first_name", "last_name", "email", "phone", "date_of_birth"),
            Fieldset(
                "About your back pain",
                HTML(
                    '<p class="form-text mb-3">These questions check that acupuncture is safe for you now. If you are not sure of an answer, choose "Not sure" and we will help.</p>'
                ),
                *[InlineRadios(f"q_{q.key}") for q in screening.WARNING_SIGNS],
                InlineRadios(f"q_{screening.NEW_EPISODE.key}"),
                InlineRadios(f"q_{screening.DOCTOR_CHECKED.key}"),
            ),
            Fieldset(
                "Before needling",
                HTML(
                    '<p class="form-text mb-3">A yes or not sure here does not stop you booking; it helps your practitioner plan a safe treatment.</p>'
                ),
                *[InlineRadios(f"q_{q.key}") for q in screening.CAUTIONS],
                "patient_note",
            ),
            Fieldset(
                "Consent",
                HTML(f'<p class="consent-text">{screening.CONSENT_TEXT}</p>'),
                "consent",
                HTML(
                    '<p class="form-text">Read the <a href="/privacy/" target="_blank">privacy notice</a> (opens in a new tab).</p>'
                ),
                "privacy",
            ),
            Submit("book", "Confirm booking", css_class="btn-lg w-100"),
        )
        return helper

    @staticmethod
    def new_idempotency_key() -> str:
        return secrets.token_urlsafe(24)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_PATTERN.match(phone) or sum(c.isdigit() for c in phone) < 7:
            raise forms.ValidationError("Please enter a phone number, for example 07700 900123.")
        return phone

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born >= today:
            raise forms.ValidationError("Please enter your date of birth; it must be in the past.")
        if born < date(today.year - 120, 1, 1):
            raise forms.ValidationError("Please check the year of your date of birth.")
        if triage.too_young_online(triage.age_on(born, self._visit_day())):
            raise forms.ValidationError(
                screening.UNDER_AGE_ONLINE.format(phone=settings.CLINIC_PHONE)
            )
        return born

    def _visit_day(self) -> date:
        """Ages are taken on the day of the session (today if the form lost it)."""
        start = parse_start(self.data.get("start", ""))
        return local_date(start) if start else local_today()

    def _age(self) -> int | None:
        born = self.cleaned_data.get("date_of_birth")
        return triage.age_on(born, self._visit_day()) if born else None

    def clean(self):
        data = super().clean()
        new_episode = f"q_{screening.NEW_EPISODE.key}"
        if triage.follow_up_applies(self._age()) and not data.get(new_episode):
            self.add_error(
                new_episode, "Please answer this question: we ask everyone under 20 or over 50."
            )
        treatment = Treatment.objects.active().filter(slug=data.get("treatment", "")).first()
        practitioner = (
            bookable_practitioner(treatment, data.get("practitioner", "")) if treatment else None
        )
        start = parse_start(data.get("start", ""))
        if treatment is None or practitioner is None or start is None:
            raise forms.ValidationError(
                "This booking form was changed or is out of date. Please choose your time again."
            )
        refusal = condition_refusal(
            practitioner, treatment, published_condition(data.get("condition", ""))
        )
        if refusal:
            raise forms.ValidationError(refusal)
        data["treatment_obj"], data["practitioner_obj"], data["start_dt"] = (
            treatment,
            practitioner,
            start,
        )
        return data

    @property
    def answers(self) -> dict[str, str]:
        """Every question answered so far (the form may be unfinished), key -> answer."""
        asked = [*screening.WARNING_SIGNS, screening.NEW_EPISODE, screening.DOCTOR_CHECKED]
        return {
            q.key: self.cleaned_data[f"q_{q.key}"]
            for q in asked + screening.CAUTIONS
            if self.cleaned_data.get(f"q_{q.key}")
        }

    def screening_result(self) -> triage.Assessment:
        """What the answers given so far mean, even if the rest of the form is unfinished."""
        return triage.assess(self.answers, age=self._age())

    @property
    def patient_details(self) -> PatientDetails:
        d = self.cleaned_data
        return PatientDetails(
            d["first_name"].strip(),
            d["last_name"].strip(),
            d["email"],
            d["phone"],
            d["date_of_birth"],
        )


DetailsForm.base_fields.update(
    {f"q_{q.key}": ScreeningField(q) for q in screening.WARNING_SIGNS + screening.CAUTIONS}
    | {
        f"q_{q.key}": ScreeningField(q, required=False)
        for q in (screening.NEW_EPISODE, screening.DOCTOR_CHECKED)
    }
)


class CancelForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=300,
        label="Reason (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(forms.Form):
    start = forms.CharField(widget=forms.HiddenInput)

    def clean_start(self):
        start = parse_start(self.cleaned_data["start"])
        if start is None:
            raise forms.ValidationError("Please choose one of the times shown.")
        return start


class SignInLinkForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
