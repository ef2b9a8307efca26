"""Bookings taken by staff are screened with the same questions, or recorded as not asked:
the practitioner never reads a "No" that nobody said, and an unscreened booking is
flagged on the schedule and the day sheet."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from bookings import screening
from bookings.backoffice.forms import BookingAddForm
from bookings.models import Booking, ScreeningStop
from tests.bookings.backoffice.test_admin import ADD, add_form
from tests.bookings.conftest import MONDAY_9
from tests.bookings.screening_cases import (
    BOOKED,
    CALL_US,
    CAUTION_FLAGS,
    EMERGENCY,
    FLAG,
    HEADINGS,
    URGENT,
    born_for,
    cases,
)
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

SCREENING_FIELDS = BookingAddForm.warning_fields + BookingAddForm.caution_fields
NOT_DONE = "Screening not done: ask every health question before needling"


@pytest.fixture
def reception(reception_user):
    client = Client()
    client.force_login(reception_user)
    return client


def staff_post(reception, practitioner, treatment, *, born=date(1980, 5, 17), **answers):
    """The add form with every question answered "no" on the phone, but those given."""
    patient = PatientFactory(date_of_birth=born)
    asked = {f: "no" for f in SCREENING_FIELDS if f != "q_doctor_checked"}
    given = {f"q_{key}": value for key, value in answers.items()}
    return reception.post(
        ADD, add_form(patient, practitioner, treatment, MONDAY_9, **{**asked, **given})
    )


def summary_of(key: str) -> str:
    asked = [*screening.WARNING_SIGNS, screening.NEW_EPISODE]
    return next(q.summary for q in asked if q.key == key)


def expected_flags(key: str, answer: str, outcome: str) -> list[str]:
    if outcome == BOOKED:
        return []
    if outcome == FLAG:
        return [CAUTION_FLAGS[key] + (" (patient not sure)" if answer == "not_sure" else "")]
    said = "patient not sure" if answer == "not_sure" else "patient said yes"
    return [f"Warning sign, {said}: {summary_of(key)}. Speak to the patient before needling"]


@pytest.mark.parametrize(("key", "answer", "outcome"), list(cases()))
def test_admin_form_routes_every_answer_like_the_booking_form(
    reception, clock, practitioner, treatment, key, answer, outcome
):
    response = staff_post(reception, practitioner, treatment, born=born_for(key), **{key: answer})

    if outcome in (EMERGENCY, URGENT):
        # Staff never book these: the form says what to tell the patient.
        [error] = response.context["adminform"].form.non_field_errors()
        heading = HEADINGS[outcome].replace("&amp;", "&")
        assert error.startswith(f"Do not book. Tell the patient: {heading}.")
        assert summary_of(key) in error
        assert not Booking.objects.exists()
    else:
        # "Call us" is this very call: staff may book it, and the practitioner is told.
        assert response.status_code == 302
        booking = Booking.objects.get()
        assert booking.source == Booking.Source.STAFF
        assert booking.screening_answers[key] == answer
        assert booking.screening_flags == expected_flags(key, answer, outcome)
        assert booking.needs_attention is (outcome in (FLAG, CALL_US))
    assert not ScreeningStop.objects.exists()


def test_add_form_starts_every_question_at_not_asked(reception):
    page = reception.get(ADD).content.decode()

    for field in SCREENING_FIELDS:
        [checked] = re.findall(rf'name="{field}" value="(\w+)"[^>]*checked>', page)
        assert checked == "not_asked"
    assert page.count("Not asked (ask before needling)") == len(SCREENING_FIELDS)


def test_untouched_questions_are_stored_as_not_asked_never_no(
    reception, clock, practitioner, treatment
):
    patient = PatientFactory(date_of_birth=date(1980, 5, 17))

    response = reception.post(ADD, add_form(patient, practitioner, treatment, MONDAY_9))

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert booking.screening_answers == {}
    assert booking.needs_attention is True
    assert booking.screening_flags == [NOT_DONE]
    assert {row.label for row in booking.screening_rows} == {"Not asked"}


def test_partly_asked_screening_lists_what_is_left(reception, clock, practitioner, treatment):
    asked_no = {f: "no" for f in SCREENING_FIELDS if f not in ("q_epilepsy", "q_doctor_checked")}
    patient = PatientFactory(date_of_birth=date(1980, 5, 17))

    reception.post(ADD, add_form(patient, practitioner, treatment, MONDAY_9, **asked_no))

    booking = Booking.objects.get()
    assert booking.screening_flags == ["Not asked: epilepsy or seizures; ask before needling"]
    assert "epilepsy" not in booking.screening_answers


def test_staff_may_book_an_urgent_sign_a_doctor_has_checked(
    reception, clock, practitioner, treatment
):
    response = staff_post(
        reception, practitioner, treatment, weight_loss="yes", doctor_checked="yes"
    )

    assert response.status_code == 302
    assert Booking.objects.get().screening_flags == [
        "Warning sign, already checked by a doctor: weight loss you cannot explain. "
        "Speak to the patient before needling"
    ]


def test_staff_booking_for_under_18_is_flagged(reception, clock, practitioner, treatment):
    response = staff_post(
        reception, practitioner, treatment, born=date(2010, 1, 1), new_episode="no"
    )

    assert response.status_code == 302
    assert Booking.objects.get().screening_flags == [
        "Under 18: a parent or guardian must consent and come to the session"
    ]


def test_unscreened_booking_is_flagged_on_schedule_and_day_sheet_and_never_says_no(
    reception, client, clock, practitioner, treatment
):
    patient = PatientFactory(date_of_birth=date(1980, 5, 17), first_name="Nora")
    reception.post(ADD, add_form(patient, practitioner, treatment, MONDAY_9))
    booking = Booking.objects.get()
    client.force_login(practitioner.user)

    schedule = client.get(reverse("schedule:today"), {"date": "2026-11-23"}).content.decode()
    detail = client.get(reverse("schedule:booking", args=[booking.reference])).content.decode()
    sheet = reception.get(reverse("admin:bookings_booking_day"), {"date": "2026-11-23"})

    assert f"<strong>Before needling:</strong> {NOT_DONE}" in schedule
    assert detail.count(">Not asked</span>") == 27
    assert ">No</span>" not in detail
    assert f"⚠ {NOT_DONE}" in sheet.content.decode()
