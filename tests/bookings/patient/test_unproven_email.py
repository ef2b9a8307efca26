"""Booking with someone else's email address. An online form proves nothing about who owns
an address, so a stranger's booking, note and screening answers never land on that
patient's record, and nothing stored about that patient is shown to the stranger. The
booking joins the record only when the address's owner confirms by the emailed link (with
matching name and date of birth), or when staff link it after seeing the differences."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from bookings.models import Booking
from tests.bookings.conftest import MONDAY_9, details_post
from tests.conftest import pass_second_factor
from tests.factories import BookingFactory, PatientFactory
from tests.mail import mail_delivered

pytestmark = pytest.mark.django_db

DETAILS_URL = reverse("bookings:details")


@pytest.fixture
def alice(db):
    """A patient on record, who has been before."""
    return PatientFactory(
        first_name="Alice",
        last_name="Recorded",
        email="alice@example.org",
        phone="07700 900001",
        date_of_birth=date(1970, 1, 2),
    )


def stranger_books(client, treatment, practitioner, start=MONDAY_9, **typed):
    fields = {
        "first_name": "Sam",
        "last_name": "Stranger",
        "email": "Alice@Example.org",
        "phone": "07700 900999",
        "date_of_birth": "1999-09-09",
        "patient_note": "My own private note",
        "q_pregnant": "yes",
        **typed,
    }
    data = details_post(treatment, practitioner, start, **fields)
    response = client.post(DETAILS_URL, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return response, Booking.objects.get(start=start)


def confirm_link(message) -> str:
    [link] = re.findall(r"http://\S+/confirm/\?token=\S+", message.body)
    return link.removeprefix("http://127.0.0.1:8000")


def test_booking_with_a_known_email_stays_off_that_patients_record(
    client, clock, practitioner, treatment, alice
):
    _, booking = stranger_books(client, treatment, practitioner)

    alice.refresh_from_db()
    assert booking.patient is None
    assert not alice.bookings.exists()
    assert (alice.first_name, alice.last_name, alice.phone) == ("Alice", "Recorded", "07700 900001")
    given = (booking.given_first_name, booking.given_last_name, booking.given_phone)
    assert given == ("Sam", "Stranger", "07700 900999")
    assert booking.given_date_of_birth == date(1999, 9, 9)
    assert booking.patient_note == "My own private note"
    assert booking.screening_answers["pregnant"] == "yes"


def test_confirmation_page_ics_and_email_name_what_was_typed_never_the_record(
    client, clock, practitioner, treatment, alice
):
    with mail_delivered():
        response, booking = stranger_books(client, treatment, practitioner)
    page = client.get(response["Location"]).content.decode()
    ics = client.get(reverse("bookings:done_ics", args=[booking.reference])).content
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    [to_patient] = [m for m in mail.outbox if m.to == ["alice@example.org"]]

    assert str(event["attendee"].params["cn"]) == "Sam Stranger"
    assert to_patient.body.startswith("Dear Sam,")
    for stored in ["Alice", "Recorded", "07700 900001", "1970"]:
        assert stored not in page
        assert stored not in ics.decode()
        assert stored not in to_patient.body
        assert stored not in to_patient.alternatives[0].content


def test_confirmation_page_reads_the_same_for_a_known_and_a_new_address(
    client, clock, practitioner, treatment, alice
):
    known, known_booking = stranger_books(client, treatment, practitioner)
    new, new_booking = stranger_books(
        client, treatment, practitioner, MONDAY_9 + timedelta(hours=2), email="sam@example.org"
    )

    def page(response, booking):
        html = client.get(response["Location"]).content.decode()
        html = re.sub(r"token=[\w-]+", "token=X", html)
        html = re.sub(r"csrfmiddlewaretoken\" value=\"[^\"]+", "", html)
        for varying in [booking.reference, booking.given_email, "11:00", "09:00", "11:45", "09:45"]:
            html = html.replace(varying, "X")
        return html

    assert page(known, known_booking) == page(new, new_booking)


def test_the_owner_of_the_address_adds_it_to_their_record_by_the_emailed_link(
    client, clock, practitioner, treatment, alice
):
    with mail_delivered():
        _, booking = stranger_books(
            client,
            treatment,
            practitioner,
            first_name="alice ",
            last_name="RECORDED",
            date_of_birth="1970-01-02",
        )
    link = confirm_link(mail.outbox[0])

    asked = client.get(link)  # a mail scanner following the link changes nothing
    booking.refresh_from_db()
    assert asked.status_code == 200 and booking.patient is None
    assert "07700 900001" not in asked.content.decode()  # what was typed, not the record

    done = client.post(link.split("?")[0], {"token": link.split("token=")[1]})
    booking.refresh_from_db()
    assert done.status_code == 200
    assert "Added to your record" in done.content.decode()
    assert booking.patient == alice
    assert booking.address_confirmed_at is not None

    again = client.post(link.split("?")[0], {"token": link.split("token=")[1]})
    assert again.status_code == 400
    assert "already been used" in again.content.decode()


def test_a_confirmed_link_with_another_name_leaves_the_booking_for_staff(
    client, clock, practitioner, treatment, alice
):
    with mail_delivered():
        _, booking = stranger_books(client, treatment, practitioner)
    link = confirm_link(mail.outbox[0])

    done = client.post(link.split("?")[0], {"token": link.split("token=")[1]})

    booking.refresh_from_db()
    assert "reception will check" in done.content.decode()
    assert booking.patient is None
    assert booking.address_confirmed_at is not None
    assert not alice.bookings.exists()


def test_the_manage_link_shown_to_whoever_booked_cannot_add_to_the_record(
    client, clock, practitioner, treatment, alice
):
    response, booking = stranger_books(
        client, treatment, practitioner, first_name="Alice", last_name="Recorded",
        date_of_birth="1970-01-02",
    )  # fmt: skip
    secret = response["Location"].split("token=")[1]
    url = reverse("bookings:confirm_record", args=[booking.reference])

    refused = client.post(url, {"token": secret})
    unknown = client.post(reverse("bookings:confirm_record", args=["NOSUCHREF"]), {"token": "x"})

    booking.refresh_from_db()
    assert refused.status_code == unknown.status_code == 400
    assert refused.content == unknown.content
    assert booking.patient is None


def test_a_new_address_has_nothing_to_confirm(client, clock, practitioner, treatment):
    with mail_delivered():
        _, booking = stranger_books(client, treatment, practitioner, email="new@example.org")

    assert booking.patient.email == "new@example.org"
    assert "/confirm/" not in mail.outbox[0].body


def test_the_practitioner_sees_what_was_typed_and_no_one_elses_history(
    client, clock, practitioner, treatment, alice
):
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9 - timedelta(days=7),
        status=Booking.Status.ATTENDED,
        patient=alice,
    )
    BookingFactory(  # another unmatched booking: must not pass for this one's history
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9 - timedelta(days=5),
        patient=None,
        given_first_name="Other",
        given_email="other@example.org",
    )
    _, booking = stranger_books(client, treatment, practitioner)
    client.force_login(practitioner.user)

    day = client.get(reverse("schedule:today"), {"date": "2026-11-23"}).content.decode()
    detail = client.get(reverse("schedule:booking", args=[booking.reference])).content.decode()

    assert "Sam Stranger" in day and "not yet matched to a patient record" in day
    assert "Sam Stranger" in detail and "07700 900999" in detail
    assert "Alice" not in detail and "Recorded" not in detail
    assert "16 Nov 2026" not in detail and "18 Nov 2026" not in detail


def test_staff_see_the_differences_and_link_the_booking(
    client, clock, practitioner, treatment, alice, manager_user
):
    _, booking = stranger_books(client, treatment, practitioner)
    client.force_login(manager_user)
    pass_second_factor(client, manager_user)
    changelist = reverse("admin:bookings_booking_changelist")

    page = client.get(reverse("admin:bookings_booking_change", args=[booking.pk]))
    waiting = client.get(changelist, {"record": "waiting"})
    response = client.post(
        changelist,
        {"action": "link_to_record", "_selected_action": [booking.pk]},
        follow=True,
    )

    booking.refresh_from_db()
    html = page.content.decode()
    assert (
        'class="screening-flag"><th scope="row">first name</th><td>Sam</td><td>Alice</td>' in html
    )
    assert list(waiting.context["cl"].result_list) == [booking]
    assert booking.patient == alice
    assert "Differences kept on the booking: first name, last name, date of birth, phone" in (
        response.content.decode()
    )
