"""The practitioner's schedule, time off and calendar feed."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from icalendar import Calendar

from bookings.models import Booking
from clinic import tokens
from practitioners.models import TimeOff
from practitioners.services import replace_feed_token
from tests.bookings.conftest import MONDAY_9, NOW
from tests.factories import (
    BookingFactory,
    PatientFactory,
    PractitionerFactory,
    UserFactory,
)
from tests.mail import mail_delivered

pytestmark = pytest.mark.django_db

SCHEDULE = reverse("schedule:today")


@pytest.fixture
def hannah(client, practitioner):
    client.force_login(practitioner.user)
    return client


@pytest.fixture
def other():
    user = UserFactory(username="tomasz")
    return PractitionerFactory(slug="tomasz", user=user)


def test_signed_out_visitor_is_sent_to_sign_in(client, practitioner, treatment, clock):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    for url in [
        SCHEDULE,
        reverse("schedule:booking", args=[booking.reference]),
        reverse("schedule:time_off"),
        reverse("schedule:feed_settings"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_sign_in_lands_on_the_schedule_and_never_redirects_off_site(client, practitioner):
    practitioner.user.set_password("pass-word-123")
    practitioner.user.save()

    landed = client.post("/accounts/login/", {"username": "hannah", "password": "pass-word-123"})
    client.logout()
    offsite = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"username": "hannah", "password": "pass-word-123", "next": "https://evil.example/"},
    )

    assert landed["Location"] == SCHEDULE
    assert offsite["Location"] == SCHEDULE


def test_day_view_shows_only_own_bookings_with_what_matters(
    hannah, clock, practitioner, other, treatment
):
    patient = PatientFactory(first_name="Ada", last_name="Lovelace", phone="07700 900555")
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        patient=patient,
        start=MONDAY_9 - timedelta(days=7),
        status=Booking.Status.ATTENDED,
    )
    mine = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        patient=patient,
        start=MONDAY_9,
        screening_answers={"pacemaker": True},
        needs_attention=True,
        patient_note="Left hip",
    )
    BookingFactory(
        practitioner=other,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(first_name="Secret"),
    )

    response = hannah.get(SCHEDULE, {"date": "2026-11-23"})

    body = response.content.decode()
    [(day, bookings)] = response.context["by_day"].items()
    assert bookings == [mine]
    assert bookings[0].past_visits == 1
    assert "Ada Lovelace" in body and "07700 900555" in body and "Left hip" in body
    assert "Pacemaker or implanted device" in body
    assert "returning (1 visit before)" in body
    assert "Secret" not in body


def test_week_and_agenda_cover_the_right_days(hannah, clock, practitioner, treatment):
    BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(days=6)
    )
    BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(days=13)
    )

    week = hannah.get(SCHEDULE, {"view": "week", "date": "2026-11-25"})
    agenda = hannah.get(SCHEDULE, {"view": "agenda", "date": "2026-11-23"})

    assert list(week.context["by_day"])[0].isoformat() == "2026-11-23"
    assert sum(len(b) for b in week.context["by_day"].values()) == 1
    assert len(agenda.context["by_day"]) == 14
    assert sum(len(b) for b in agenda.context["by_day"].values()) == 2


def test_schedule_days_are_clinic_days_around_a_clock_change(hannah, practitioner, treatment):
    # 23:30 UTC on Saturday 24 October 2026 is 00:30 BST on Sunday 25th: Sunday's booking.
    late = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=datetime(2026, 10, 24, 23, 30, tzinfo=UTC),
    )
    with time_machine.travel(datetime(2026, 10, 20, tzinfo=UTC)):
        saturday = hannah.get(SCHEDULE, {"date": "2026-10-24"})
        sunday = hannah.get(SCHEDULE, {"date": "2026-10-25"})
    assert list(saturday.context["by_day"].values()) == [[]]
    assert list(sunday.context["by_day"].values()) == [[late]]
    assert "00:30" in sunday.content.decode()


def test_schedule_query_count_is_constant(
    hannah, clock, practitioner, treatment, django_assert_max_num_queries
):
    for i in range(40):
        BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            start=MONDAY_9 + timedelta(hours=i % 8, days=i // 8),
        )
    with django_assert_max_num_queries(10):
        response = hannah.get(SCHEDULE, {"view": "agenda", "date": "2026-11-23"})
    assert sum(len(b) for b in response.context["by_day"].values()) == 40


def test_another_practitioners_urls_are_404(hannah, clock, other, treatment):
    theirs = BookingFactory(practitioner=other, treatment=treatment, start=MONDAY_9)
    assert hannah.get(SCHEDULE, {"practitioner": "tomasz"}).status_code == 404
    assert hannah.get(reverse("schedule:booking", args=[theirs.reference])).status_code == 404
    assert (
        hannah.post(
            reverse("schedule:attendance", args=[theirs.reference]), {"status": "attended"}
        ).status_code
        == 404
    )
    assert hannah.get(reverse("schedule:booking", args=["NOSUCH"])).status_code == 404
    assert hannah.get(reverse("schedule:time_off"), {"practitioner": "tomasz"}).status_code == 404


def test_staff_can_view_any_schedule(clock, other, treatment, reception_user):
    BookingFactory(practitioner=other, treatment=treatment, start=MONDAY_9)
    staff = Client()
    staff.force_login(reception_user)
    response = staff.get(SCHEDULE, {"practitioner": "tomasz", "date": "2026-11-23"})
    assert response.status_code == 200
    assert response.context["practitioner"] == other


def test_login_without_a_practitioner_profile_gets_404(client, clock):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(SCHEDULE).status_code == 404


def test_mark_attended_and_no_show_only_for_past_bookings(hannah, clock, practitioner, treatment):
    past = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW - timedelta(hours=1)
    )
    future = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    hannah.post(reverse("schedule:attendance", args=[past.reference]), {"status": "no_show"})
    hannah.post(reverse("schedule:attendance", args=[future.reference]), {"status": "attended"})

    past.refresh_from_db()
    future.refresh_from_db()
    assert past.status == Booking.Status.NO_SHOW
    assert future.status == Booking.Status.CONFIRMED
    assert past.history.first().history_user == practitioner.user


def test_time_off_removes_slots_from_the_availability_api(hannah, clock, practitioner, treatment):
    api = {"practitioner": practitioner.slug, "service": treatment.slug, "date": "2026-11-23"}
    before = hannah.get("/api/availability/", api).json()["slots"]

    hannah.post(
        reverse("schedule:time_off"),
        {
            "start_date": "2026-11-23",
            "start_time": "09:00",
            "end_date": "2026-11-23",
            "end_time": "12:00",
            "reason": "training",
            "note": "",
        },
    )
    after = hannah.get("/api/availability/", api).json()["slots"]

    assert "2026-11-23T09:00:00+00:00" in before
    assert after[0] == "2026-11-23T12:00:00+00:00"
    entry = TimeOff.objects.get()
    hannah.post(reverse("schedule:time_off_delete", args=[entry.pk]))
    assert hannah.get("/api/availability/", api).json()["slots"] == before


def test_whole_day_time_off_when_times_are_empty(hannah, clock, practitioner):
    hannah.post(
        reverse("schedule:time_off"),
        {"start_date": "2026-11-23", "end_date": "2026-11-24", "reason": "holiday"},
    )
    entry = TimeOff.objects.get()
    assert entry.start == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    assert entry.end == datetime(2026, 11, 25, 0, 0, tzinfo=UTC)


def test_time_off_over_bookings_warns_first_and_keeps_them(hannah, clock, practitioner, treatment):
    booking = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(first_name="Ada", last_name="Lovelace"),
    )
    form = {"start_date": "2026-11-23", "end_date": "2026-11-23", "reason": "sickness"}

    warning = hannah.post(reverse("schedule:time_off"), form)
    confirmed = hannah.post(reverse("schedule:time_off"), {**form, "overlaps_confirmed": "True"})

    assert warning.status_code == 409
    assert "overlaps 1 booking" in warning.content.decode()
    assert "Ada Lovelace" in warning.content.decode()
    assert confirmed.status_code == 302
    assert TimeOff.objects.count() == 1
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_time_off_ending_before_it_starts_is_refused(hannah, clock, practitioner):
    response = hannah.post(
        reverse("schedule:time_off"),
        {"start_date": "2026-11-24", "end_date": "2026-11-23", "reason": "holiday"},
    )
    assert "must end after it starts" in response.content.decode()
    assert not TimeOff.objects.exists()


def test_practitioner_cannot_delete_anothers_time_off(hannah, clock, other):
    theirs = TimeOff.objects.create(
        practitioner=other, start=MONDAY_9, end=MONDAY_9 + timedelta(hours=1)
    )
    assert hannah.post(reverse("schedule:time_off_delete", args=[theirs.pk])).status_code == 404
    assert TimeOff.objects.filter(pk=theirs.pk).exists()


# --- calendar feed ----------------------------------------------------------------------


def test_feed_parses_and_holds_only_first_names_and_treatments(
    client, clock, practitioner, other, treatment
):
    mine = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(first_name="Ada", last_name="Lovelace", phone="07700 900555"),
        screening_answers={"pregnant": True},
        needs_attention=True,
        patient_note="Private note",
    )
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9 + timedelta(hours=2),
        status=Booking.Status.CANCELLED,
    )
    BookingFactory(practitioner=other, treatment=treatment, start=MONDAY_9)

    secret = replace_feed_token(practitioner=practitioner)

    response = client.get(reverse("schedule:feed", args=[secret]))

    cal = Calendar.from_ical(response.content)
    [event] = cal.walk("VEVENT")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert str(event["summary"]) == f"Ada: {treatment.name}"
    assert event.decoded("dtstart") == MONDAY_9
    assert event.decoded("dtend") == mine.end
    for private in ["Lovelace", "07700", "Private note", "regnan", "@example"]:
        assert private not in text


@override_settings(SCHEDULE_FEED_PATIENT_DETAIL="full_name")
def test_feed_detail_is_configurable(client, clock, practitioner, treatment):
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(first_name="Ada", last_name="Lovelace"),
    )
    secret = replace_feed_token(practitioner=practitioner)
    cal = Calendar.from_ical(client.get(reverse("schedule:feed", args=[secret])).content)
    assert str(cal.walk("VEVENT")[0]["summary"]) == f"Ada Lovelace: {treatment.name}"


def test_replaced_feed_token_stops_working(hannah, client, clock, practitioner):
    old = replace_feed_token(practitioner=practitioner)

    made = hannah.post(reverse("schedule:feed_replace"))

    new = made.context["feed_url"].rsplit("/", 1)[1].removesuffix(".ics")
    assert new != old
    assert Client().get(reverse("schedule:feed", args=[old])).status_code == 404
    assert Client().get(reverse("schedule:feed", args=[new])).status_code == 200
    assert "Copy it now" in made.content.decode()


def test_feed_secret_is_stored_only_as_a_digest_and_shown_only_when_made(
    hannah, clock, practitioner
):
    made = hannah.post(reverse("schedule:feed_replace"))
    secret = made.context["feed_url"].rsplit("/", 1)[1].removesuffix(".ics")
    later = hannah.get(reverse("schedule:feed_settings")).content.decode()

    practitioner.refresh_from_db()
    assert len(secret) >= 43  # 256 bits
    assert practitioner.feed_token_digest == tokens.digest(secret)
    assert secret not in str(list(type(practitioner).objects.values()))
    assert secret not in later
    assert "Make a new calendar address" in later


def test_unknown_feed_token_is_404(client, practitioner):
    assert client.get(reverse("schedule:feed", args=["not-a-token"])).status_code == 404


def test_password_reset_by_email_and_sign_out(client, practitioner):
    with mail_delivered():
        response = client.post("/accounts/password_reset/", {"email": "hannah@example.org"})
    assert response.status_code == 302
    assert mail.outbox[0].to == ["hannah@example.org"]
    assert "/accounts/reset/" in mail.outbox[0].body

    client.force_login(practitioner.user)
    signed_out = client.post("/accounts/logout/")
    assert "You are signed out" in signed_out.content.decode()
    assert client.get(SCHEDULE).status_code == 302


def test_attendance_returns_to_the_page_it_came_from_but_never_off_site(
    hannah, clock, practitioner, treatment
):
    past = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW - timedelta(hours=1)
    )
    url = reverse("schedule:attendance", args=[past.reference])

    back = hannah.post(url, {"status": "attended", "next": "/schedule/?view=week"})
    offsite = hannah.post(url, {"status": "attended", "next": "https://evil.example/"})

    assert back["Location"] == "/schedule/?view=week"
    assert offsite["Location"] == reverse("schedule:booking", args=[past.reference])


@pytest.mark.parametrize("next_url", ["foo", "schedule:today", "//evil.example/", "javascript:x"])
def test_attendance_with_a_next_that_is_not_a_path_returns_to_the_booking(
    hannah, clock, practitioner, treatment, next_url
):
    past = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW - timedelta(hours=1)
    )
    url = reverse("schedule:attendance", args=[past.reference])

    response = hannah.post(url, {"status": "attended", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == reverse("schedule:booking", args=[past.reference])
    past.refresh_from_db()
    assert past.status == "attended"
