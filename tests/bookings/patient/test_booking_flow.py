"""The patient's booking flow, every step, through the Django test client."""

import html
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from bookings import outbox, screening
from bookings.models import Booking, Patient, ScreeningStop
from tests.bookings.conftest import MONDAY_9, NOW, details_post
from tests.factories import BookingFactory, ConditionFactory, PractitionerFactory, TreatmentFactory

pytestmark = pytest.mark.django_db

DETAILS_URL = reverse("bookings:details")


def details_get(client, treatment, practitioner, start):
    return client.get(
        DETAILS_URL,
        {
            "treatment": treatment.slug,
            "practitioner": practitioner.slug,
            "start": start.isoformat(),
        },
    )


def test_step_1_lists_active_treatments(client, treatment):
    TreatmentFactory(name="Retired treatment", is_active=False)
    body = client.get("/book/").content.decode()
    assert "Follow-up" in body
    assert "Retired treatment" not in body


def test_step_2_lists_practitioners_with_next_free_time(client, clock, practitioner, treatment):
    response = client.get("/book/practitioner/", {"treatment": treatment.slug})

    assert response.status_code == 200
    # Two hours' notice from Friday 08:00.
    assert response.context["practitioners"] == [(practitioner, NOW + timedelta(hours=2))]
    assert "First available" in response.content.decode()


def test_step_2_narrows_by_condition(client, clock, practitioner, treatment):
    sciatica = ConditionFactory(slug="sciatica")
    specialist = PractitionerFactory(name="Sam Specialist")
    specialist.specialties.add(sciatica)
    treatment.practitioners.add(specialist)

    response = client.get(
        "/book/practitioner/", {"treatment": treatment.slug, "condition": "sciatica"}
    )

    assert [p for p, _ in response.context["practitioners"]] == [specialist]


def test_step_3_shows_a_fortnight_and_the_first_free_day(client, clock, practitioner, treatment):
    response = client.get(
        "/book/time/", {"treatment": treatment.slug, "practitioner": practitioner.slug}
    )

    days = {d.day: d for d in response.context["days"]}
    assert len(days) == 14
    assert response.context["chosen_day"] == NOW.date()
    sunday = days[MONDAY_9.date() - timedelta(days=1)]
    assert (sunday.offers, sunday.state) == ([], "off")
    assert response.context["offers"][0].start == NOW + timedelta(hours=2)
    assert "Not working" in response.content.decode()


def test_step_3_first_available_offers_each_time_once(client, clock, practitioner, treatment):
    other = PractitionerFactory()
    treatment.practitioners.add(other)
    from tests.factories import WorkingHoursFactory

    WorkingHoursFactory(practitioner=other, weekday=0)

    response = client.get(
        "/book/time/", {"treatment": treatment.slug, "practitioner": "any", "date": "2026-11-23"}
    )

    starts = [o.start for o in response.context["offers"]]
    assert starts == sorted(set(starts))
    assert response.context["offers"][0].practitioner == practitioner  # directory order


@pytest.mark.parametrize(
    "params",
    [
        {"treatment": "no-such-treatment", "practitioner": "any"},
        {"treatment": "follow-up", "practitioner": "any", "date": "2026-13-45"},
        {"treatment": "follow-up", "practitioner": "not-a-practitioner"},
    ],
)
def test_step_3_bad_choice_is_a_clear_400(client, clock, practitioner, treatment, params):
    response = client.get("/book/time/", params)
    assert response.status_code == 400
    assert "Please choose again" in response.content.decode()


def test_inactive_treatment_cannot_be_booked(client, clock, practitioner, treatment):
    treatment.is_active = False
    treatment.save()
    assert client.get("/book/practitioner/", {"treatment": treatment.slug}).status_code == 400
    assert (
        client.post(DETAILS_URL, details_post(treatment, practitioner, MONDAY_9)).status_code == 400
    )
    assert not Booking.objects.exists()


def test_unlisted_practitioner_cannot_be_booked(client, clock, practitioner, treatment):
    practitioner.is_listed = False
    practitioner.save()
    response = client.post(DETAILS_URL, details_post(treatment, practitioner, MONDAY_9))
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_details_form_shows_the_chosen_time_and_a_fresh_key(client, clock, practitioner, treatment):
    response = details_get(client, treatment, practitioner, MONDAY_9)

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["start"] == MONDAY_9.isoformat()
    assert len(form.initial["idempotency_key"]) >= 32
    assert "Monday 23 November 2026, 09:00" in response.content.decode()


def test_whole_flow_books_and_confirms(client, clock, practitioner, treatment):
    response = client.post(
        DETAILS_URL,
        details_post(treatment, practitioner, MONDAY_9, patient_note="Left side worse"),
    )
    outbox.send_pending()  # what the mail worker does

    booking = Booking.objects.get()
    assert response.status_code == 302
    done_url, secret = response["Location"].split("?token=")
    assert done_url == reverse("bookings:done", args=[booking.reference])
    page = client.get(response["Location"])
    assert booking.reference in page.content.decode()
    assert booking.manage_url(secret) in page.content.decode()
    assert client.get(booking.manage_url(secret)).status_code == 200
    assert booking.patient_note == "Left side worse"
    assert booking.consented_at is not None
    assert mail.outbox[0].subject == f"Your booking is confirmed: {booking.reference}"
    ics = client.get(reverse("bookings:done_ics", args=[booking.reference]))
    assert ics["Content-Type"].startswith("text/calendar")


def test_confirmation_page_is_only_for_the_session_that_booked(
    client, clock, practitioner, treatment
):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    assert client.get(reverse("bookings:done", args=[booking.reference])).status_code == 404


def test_caution_answer_flags_the_booking(client, clock, practitioner, treatment):
    client.post(
        DETAILS_URL,
        details_post(treatment, practitioner, MONDAY_9, q_bleeding="yes", q_fainting="yes"),
    )

    booking = Booking.objects.get()
    assert booking.needs_attention is True
    assert booking.screening_answers["bleeding"] == "yes"
    assert booking.screening_flags == [
        "Bleeding disorder or blood thinners",
        "Needle phobia or fainting",
    ]


def test_warning_sign_stops_booking_and_keeps_no_patient_data(
    client, clock, practitioner, treatment
):
    response = client.post(
        DETAILS_URL, details_post(treatment, practitioner, MONDAY_9, q_cannot_pass_urine="yes")
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Call 999 or go to A&amp;E now" in body
    assert not Booking.objects.exists()
    assert not Patient.objects.exists()
    assert ScreeningStop.objects.count() == 1


def test_double_submit_creates_one_booking(client, clock, practitioner, treatment):
    data = details_post(treatment, practitioner, MONDAY_9, idempotency_key="same-form")

    first = client.post(DETAILS_URL, data)
    second = client.post(DETAILS_URL, data)

    assert Booking.objects.count() == 1
    # Both land on the one booking's confirmation, each with a working manage link.
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0]
    assert client.get(second["Location"]).context["manage_url"]


def test_taken_time_shows_fresh_times_not_an_error(client, clock, practitioner, treatment):
    BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    response = client.post(DETAILS_URL, details_post(treatment, practitioner, MONDAY_9))

    assert response.status_code == 409
    assert "just taken" in response.content.decode()
    assert response.context["offers"][0].start == MONDAY_9 + timedelta(hours=1)
    assert Booking.objects.count() == 1


def test_details_page_for_a_taken_time_says_so(client, clock, practitioner, treatment):
    BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    response = details_get(client, treatment, practitioner, MONDAY_9)
    assert response.status_code == 409
    assert "no longer free" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("phone", "call me", "Please enter a phone number"),
        ("date_of_birth", "2030-01-01", "it must be in the past"),
        ("first_name", "x" * 61, "Ensure this value has at most 60 characters"),
        ("patient_note", "x" * 1001, "Ensure this value has at most 1000 characters"),
        ("consent", None, "Please confirm you agree to treatment"),
        ("privacy", None, "Please agree to the privacy notice"),
        ("q_pregnant", None, "Please answer yes, no or not sure."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_saves_nothing(
    client, clock, practitioner, treatment, field, value, message
):
    response = client.post(
        DETAILS_URL, details_post(treatment, practitioner, MONDAY_9, **{field: value})
    )

    assert response.status_code == 400
    assert any(message in e for e in response.context["form"].errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "tampered",
    [
        {"start": "2026-11-23T09:00:00"},  # no offset
        {"start": "yesterday"},
        {"practitioner": "someone-else"},
        {"treatment": "free-massage"},
    ],
)
def test_tampered_hidden_field_is_refused_clearly(client, clock, practitioner, treatment, tampered):
    response = client.post(DETAILS_URL, details_post(treatment, practitioner, MONDAY_9, **tampered))
    assert response.status_code == 400
    assert "changed or is out of date" in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        (MONDAY_9 - timedelta(days=7), "too soon"),
        (MONDAY_9 + timedelta(hours=10), "not working"),
        (MONDAY_9 + timedelta(minutes=7), "set times"),
    ],
)
def test_time_in_the_past_or_outside_hours_is_refused(
    client, clock, practitioner, treatment, start, reason
):
    response = client.post(DETAILS_URL, details_post(treatment, practitioner, start))
    assert response.status_code == 409
    assert reason in response.content.decode()
    assert not Booking.objects.exists()


@override_settings(BOOKING_RATE_LIMIT="2/m")
def test_booking_posts_are_rate_limited_with_a_friendly_page(
    client, clock, practitioner, treatment
):
    for minute in range(2):
        client.post(
            DETAILS_URL,
            details_post(treatment, practitioner, MONDAY_9 + timedelta(hours=minute + 1)),
        )

    response = client.post(
        DETAILS_URL, details_post(treatment, practitioner, MONDAY_9 + timedelta(hours=5))
    )

    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()
    assert Booking.objects.count() == 2


def test_start_in_query_string_accepts_the_encoded_plus(client, clock, practitioner, treatment):
    url = f"{DETAILS_URL}?treatment={treatment.slug}&practitioner={practitioner.slug}&start={quote(MONDAY_9.isoformat())}"
    assert client.get(url).status_code == 200


def test_warning_sign_stops_even_before_the_rest_is_filled_in(
    client, clock, practitioner, treatment
):
    response = client.post(
        DETAILS_URL,
        details_post(
            treatment, practitioner, MONDAY_9, q_serious_injury="yes", consent=None, email=""
        ),
    )
    assert (
        '<h1 class="h3" id="advice-1">Call NHS 111 or your GP today</h1>'
        in response.content.decode()
    )
    assert response.context["result"].level is screening.Level.URGENT
    assert not Patient.objects.exists()


def test_details_page_for_a_time_now_too_soon_says_too_soon(client, clock, practitioner, treatment):
    # Friday 09:00 is within the two hours' notice from 08:00.
    too_soon = NOW + timedelta(hours=1)

    response = details_get(client, treatment, practitioner, too_soon)

    body = html.unescape(response.content.decode())
    assert response.status_code == 409
    assert "That time is too soon to book online" in body
    assert "Online booking needs 2 hours' notice" in body
    assert "taken" not in body
    assert "no longer free" not in body


def test_booking_post_for_a_time_now_too_soon_says_too_soon(client, clock, practitioner, treatment):
    response = client.post(
        DETAILS_URL, details_post(treatment, practitioner, NOW + timedelta(minutes=90))
    )

    body = response.content.decode()
    assert response.status_code == 409
    assert "That time is too soon to book online" in body
    assert "taken" not in body
    assert not Booking.objects.exists()
