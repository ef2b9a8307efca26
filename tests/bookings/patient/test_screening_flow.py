"""The health questions in the booking form: every answer to every question leads to its
outcome page, and a stop keeps nothing about the person."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from bookings import screening
from bookings.models import Booking, OutgoingEmail, Patient, ScreeningStop
from tests.bookings.conftest import MONDAY_9, details_post
from tests.bookings.screening_cases import (
    BOOKED,
    CALL_US,
    CAUTION_FLAGS,
    EMERGENCY,
    FLAG,
    HEADINGS,
    OUTCOMES,
    URGENT,
    born_for,
    cases,
)

pytestmark = pytest.mark.django_db

DETAILS_URL = reverse("bookings:details")
PHONE_LINK = f'href="tel:{settings.CLINIC_PHONE.replace(" ", "")}"'


def post(client, treatment, practitioner, born=date(1980, 5, 17), **answers):
    data = details_post(
        treatment,
        practitioner,
        MONDAY_9,
        date_of_birth=born.isoformat(),
        **{f"q_{key}": value for key, value in answers.items()},
    )
    return client.post(DETAILS_URL, data)


def first_heading(body: str) -> str:
    return body.split('<h1 class="h3" id="advice-1">', 1)[1].split("</h1>", 1)[0]


def assert_nothing_kept_but_the_stop(outcome: str) -> None:
    stop = ScreeningStop.objects.get()
    assert (stop.outcome, stop.screening_version) == (outcome, screening.VERSION)
    assert {f.name for f in ScreeningStop._meta.fields} == {
        "id",
        "shown_at",
        "screening_version",
        "outcome",
    }
    assert not Booking.objects.exists()
    assert not Patient.objects.exists()
    assert not Patient.history.exists()
    assert not OutgoingEmail.objects.exists()
    for session in Session.objects.all():
        assert "alex" not in str(session.get_decoded()).lower()


def test_the_table_covers_every_question_asked():
    asked = [*screening.WARNING_SIGNS, screening.NEW_EPISODE, *screening.CAUTIONS]
    assert [q.key for q in asked] == list(OUTCOMES)
    assert sorted(CAUTION_FLAGS) == sorted(q.key for q in screening.CAUTIONS)


@pytest.mark.parametrize(("key", "answer", "outcome"), list(cases()))
def test_every_answer_to_every_question_leads_to_its_outcome(
    client, clock, practitioner, treatment, key, answer, outcome
):
    response = post(client, treatment, practitioner, born=born_for(key), **{key: answer})

    if outcome in (BOOKED, FLAG):
        assert response.status_code == 302
        booking = Booking.objects.get()
        assert booking.screening_answers[key] == answer
        expected = []
        if outcome == FLAG:
            expected = [
                CAUTION_FLAGS[key] + (" (patient not sure)" if answer == "not_sure" else "")
            ]
        assert booking.screening_flags == expected
        assert booking.needs_attention is bool(expected)
        assert not ScreeningStop.objects.exists()
        done = client.get(response["Location"]).content.decode()
        assert ("You told us" in done) is bool(expected)
    else:
        body = response.content.decode()
        assert response.status_code == 200
        assert first_heading(body) == HEADINGS[outcome]
        question = next(
            q for q in screening.WARNING_SIGNS + [screening.NEW_EPISODE] if q.key == key
        )
        assert question.summary in body
        if outcome == CALL_US:
            assert PHONE_LINK in body and settings.CLINIC_PHONE in body
        assert_nothing_kept_but_the_stop(outcome)


def test_most_urgent_advice_comes_first(client, clock, practitioner, treatment):
    body = post(
        client,
        treatment,
        practitioner,
        weight_loss="not_sure",
        serious_injury="yes",
        cannot_pass_urine="yes",
    ).content.decode()

    assert first_heading(body) == HEADINGS[EMERGENCY]
    emergency, urgent, call_us = (
        body.index(HEADINGS[level]) for level in (EMERGENCY, URGENT, CALL_US)
    )
    assert emergency < urgent < call_us
    assert_nothing_kept_but_the_stop(EMERGENCY)


def test_urgent_sign_a_doctor_has_checked_routes_to_call_us_to_book(
    client, clock, practitioner, treatment
):
    body = post(
        client, treatment, practitioner, weight_loss="yes", doctor_checked="yes"
    ).content.decode()

    assert first_heading(body) == HEADINGS[CALL_US]
    assert "weight loss you cannot explain (already checked by a doctor)" in body
    assert PHONE_LINK in body
    assert_nothing_kept_but_the_stop(CALL_US)


def test_a_doctor_check_never_softens_an_emergency(client, clock, practitioner, treatment):
    body = post(
        client, treatment, practitioner, cannot_pass_urine="yes", doctor_checked="yes"
    ).content.decode()

    assert first_heading(body) == HEADINGS[EMERGENCY]
    assert_nothing_kept_but_the_stop(EMERGENCY)


def test_under_18_cannot_book_online_and_is_told_to_call(client, clock, practitioner, treatment):
    response = post(client, treatment, practitioner, born=date(2009, 1, 1))

    message = screening.UNDER_AGE_ONLINE.format(phone=settings.CLINIC_PHONE)
    assert response.status_code == 400
    assert response.context["form"].errors["date_of_birth"] == [message]
    assert not Booking.objects.exists()
    assert not Patient.objects.exists()


def test_over_50_must_answer_whether_the_pain_is_new(client, clock, practitioner, treatment):
    response = post(client, treatment, practitioner, born=date(1960, 5, 17), new_episode=None)

    assert response.status_code == 400
    assert response.context["form"].errors["q_new_episode"] == [
        "Please answer this question: we ask everyone under 20 or over 50."
    ]
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("born", "asked"),
    [
        (date(2007, 11, 23), True),  # 19 on the day of the session
        (date(2006, 11, 23), False),  # 20 that very day
        (date(1976, 11, 23), False),  # 50
        (date(1975, 11, 23), True),  # 51
    ],
)
def test_the_new_pain_question_is_for_under_20s_and_over_50s(
    client, clock, practitioner, treatment, born, asked
):
    response = post(client, treatment, practitioner, born=born, new_episode="yes")

    if asked:
        assert first_heading(response.content.decode()) == HEADINGS[CALL_US]
        assert not Booking.objects.exists()
    else:
        assert response.status_code == 302
        assert "new_episode" not in Booking.objects.get().screening_answers


def test_every_question_offers_not_sure(client, clock, practitioner, treatment):
    page = client.get(
        DETAILS_URL,
        {"treatment": treatment.slug, "practitioner": practitioner.slug, "start": MONDAY_9},
    ).content.decode()

    for key in OUTCOMES:
        assert f'name="q_{key}" value="not_sure"' in page
