"""What the patient has chosen so far, as the query string carries it between steps and
the availability API takes it: one resolver for "a practitioner slug, or any", and the
forms that are the only door for those choices."""

from django import forms

from bookings.models import Treatment
from bookings.selectors import bookable_practitioner, matches_condition
from clinic.fields import BoundedDateField
from clinic.models import Condition

ANY = "any"


def resolve_practitioner(form: forms.Form, data: dict, *, treatment_field: str) -> None:
    """Turn the `practitioner` parameter (a slug, or "any") into `practitioner_obj`: the
    listed practitioner offering the chosen treatment online, or None for "any". An unknown
    slug, one who does not offer the treatment, or one first available for the chosen
    condition would not have offered, is an error on the field."""
    treatment, slug = data.get(treatment_field), data.get("practitioner") or ""
    data["practitioner_obj"] = None
    if not (treatment and slug and slug != ANY):
        return
    practitioner = bookable_practitioner(treatment, slug)
    if practitioner is None:
        form.add_error("practitioner", "That practitioner does not offer this treatment online.")
        return
    refusal = condition_refusal(practitioner, treatment, data.get("condition", ""))
    if refusal:
        form.add_error("practitioner", refusal)
        return
    data["practitioner_obj"] = practitioner


def condition_refusal(practitioner, treatment, condition_slug: str) -> str:
    """Why this practitioner cannot be booked for the chosen condition, or ""."""
    if matches_condition(practitioner, treatment, condition_slug):
        return ""
    condition = Condition.objects.get(slug=condition_slug)
    return f"{practitioner.name} does not list {condition.name.lower()} as a particular interest."


def published_condition(slug: str) -> str:
    """The slug of a published condition, or "": an unknown filter narrows nothing."""
    return slug if slug and Condition.objects.published().filter(slug=slug).exists() else ""


class ChoiceForm(forms.Form):
    """What the patient has chosen so far, carried in the query string between steps.

    It is the only door for those choices: an unknown or inactive treatment, a practitioner
    who is unlisted or does not offer it, or a malformed date is refused here.
    """

    treatment = forms.ModelChoiceField(
        queryset=Treatment.objects.active(),
        to_field_name="slug",
        error_messages={"invalid_choice": "That treatment is not available to book online."},
    )
    practitioner = forms.CharField(required=False, max_length=120)
    date = BoundedDateField(required=False, input_formats=["%Y-%m-%d"])
    condition = forms.SlugField(required=False, max_length=100)

    def clean_condition(self):
        return published_condition(self.cleaned_data["condition"])

    def clean(self):
        data = super().clean()
        resolve_practitioner(self, data, treatment_field="treatment")
        return data


class AvailabilityQueryForm(forms.Form):
    """The availability API's parameters; each error names its parameter."""

    practitioner = forms.CharField(max_length=120)
    service = forms.ModelChoiceField(queryset=Treatment.objects.active(), to_field_name="slug")
    date = BoundedDateField(input_formats=["%Y-%m-%d"])
    condition = forms.SlugField(required=False, max_length=100)

    def clean_condition(self):
        return published_condition(self.cleaned_data["condition"])

    def clean(self):
        data = super().clean()
        resolve_practitioner(self, data, treatment_field="service")
        return data
