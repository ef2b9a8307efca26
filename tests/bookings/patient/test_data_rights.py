"""The privacy notice's promises: a signed-in patient downloads their data and asks for
erasure from "my bookings"; staff confirm it in the admin; past bookings stay with the
person anonymised, everywhere (record, bookings, change history, stored emails, links)."""

import io
import json
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bookings import emails, screening, services
from bookings.models import AccessToken, Booking, ErasureRequest, Patient
from tests.bookings.conftest import MONDAY_9, NOW
from tests.factories import BookingFactory, PatientFactory
from tests.mail import mail_delivered

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:bookings_erasurerequest_changelist")
TRACES = ["Alex", "Rivera", "alex@example.org", "07700 900321", "1981-02-03", "Left side worse"]


@pytest.fixture
def alex(practitioner, treatment, clock):
    """A patient with a past session, an upcoming one, and the emails about them."""
    patient = PatientFactory(
        first_name="Alex",
        last_name="Rivera",
        email="alex@example.org",
        phone="07700 900321",
        date_of_birth=date(1981, 2, 3),
    )
    past = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=NOW - timedelta(days=20),
        status=Booking.Status.ATTENDED,
        patient=patient,
        patient_note="Left side worse",
        screening_answers={
            q.key: "yes" if q.key == "pregnant" else "no" for q in screening.CAUTIONS
        },
    )
    coming = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9, patient=patient
    )
    with mail_delivered():
        emails.booking_confirmed(past)
        emails.booking_confirmed(coming)
    patient.past, patient.coming = past, coming
    return patient


def signed_in(email) -> Client:
    browser = Client()
    with mail_delivered():
        browser.post("/my-bookings/", {"email": email})
    [path] = re.findall(r"(/my-bookings/sign-in/\?token=[\w-]+)", mail.outbox[-1].body)
    browser.post(path.split("?")[0], {"token": path.split("token=")[1]})
    return browser


def test_a_signed_in_patient_downloads_their_data(alex, practitioner, treatment):
    BookingFactory(  # made with Alex's address by someone else: not on Alex's record
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9 + timedelta(hours=3),
        patient=None,
        given_first_name="Sam",
        given_email="alex@example.org",
        patient_note="Sam's own note",
    )
    BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(hours=5)
    )
    browser = signed_in("alex@example.org")

    response = browser.get(reverse("bookings:my_data"))

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert data["patient_record"]["last_name"] == "Rivera"
    past, coming, strangers = data["bookings"]
    assert (past["reference"], coming["reference"]) == (alex.past.reference, alex.coming.reference)
    assert past["your_note"] == "Left side worse"
    answers = {a["question"]: a["answer"] for a in past["health_screening"]["answers"]}
    pregnant = next(a for q, a in answers.items() if "pregnan" in q)
    diabetes = next(a for q, a in answers.items() if "diabetes" in q.lower())
    assert (pregnant, diabetes) == ("yes", "no")  # a "no" is never read as a yes
    assert "not asked" in answers.values()  # the warning signs were not asked here
    assert past["scores"] is None and coming["scores"] is None
    assert strangers["on_your_patient_record"] is False and "Sam" not in json.dumps(strangers)
    subjects = [m["subject"] for m in data["messages_sent"]]
    assert f"Your booking is confirmed: {alex.past.reference}" in subjects
    assert len(data["bookings"]) == 3  # not the other patient's
    assert not re.search(r"token=(?!removed-after-sending)[\w-]{20,}", response.content.decode())


def test_without_signing_in_there_is_nothing_to_download_or_erase(client, alex):
    for name in ("bookings:my_data", "bookings:my_erasure"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == reverse("bookings:my_bookings_request")
    assert client.post(reverse("bookings:my_erasure")).status_code == 302
    assert not ErasureRequest.objects.exists()


def test_erasure_is_asked_by_the_patient_and_confirmed_by_staff_then_no_trace_is_left(
    alex, manager_client
):
    browser = signed_in("alex@example.org")
    with mail_delivered():
        asked = browser.post(reverse("bookings:my_erasure"))
    erasure = ErasureRequest.objects.get()
    to_clinic = mail.outbox[-1]

    shown = manager_client.post(
        CHANGELIST, {"action": "erase_requested", "_selected_action": [erasure.pk]}
    )
    assert Patient.objects.get(pk=alex.pk).first_name == "Alex"  # the first page only asks
    done = manager_client.post(
        CHANGELIST,
        {"action": "erase_requested", "_selected_action": [erasure.pk], "confirmed": "yes"},
        follow=True,
    )

    assert "We have your request" in asked.content.decode()
    assert to_clinic.to == ["hello@example.org"] and "Alex" not in to_clinic.body
    assert "alex@example.org" in shown.content.decode() and "Yes, erase" in shown.content.decode()
    assert "1 patient(s) erased." in done.content.decode()
    erasure.refresh_from_db()
    assert (erasure.status, erasure.email) == ("done", "")
    past, coming = Booking.objects.get(pk=alex.past.pk), Booking.objects.get(pk=alex.coming.pk)
    assert past.status == Booking.Status.ATTENDED and past.patient_id == alex.pk
    assert past.screening_answers["pregnant"] == "yes"  # an anonymous clinical entry stays
    assert coming.status == Booking.Status.CANCELLED  # its time is free again
    everything = io.StringIO()
    call_command("dumpdata", "bookings", "practitioners", stdout=everything)
    for trace in TRACES:
        assert trace not in everything.getvalue()
    assert not AccessToken.objects.exists()
    assert browser.get(reverse("bookings:my_bookings")).status_code == 302  # signed out


def test_the_same_request_twice_is_one_request_and_erasing_twice_is_harmless(alex, manager_user):
    first = services.request_erasure(email="alex@example.org")
    again = services.request_erasure(email="alex@example.org")
    services.erase(erasure_request=first, by=manager_user)
    services.erase(erasure_request=first, by=manager_user)

    assert first.pk == again.pk
    assert Patient.objects.get(pk=alex.pk).erased_at is not None


def test_reception_sees_requests_but_cannot_erase(alex, reception_user):
    erasure = services.request_erasure(email="alex@example.org")
    reception = Client()
    reception.force_login(reception_user)

    listed = reception.get(CHANGELIST)
    refused = reception.post(
        CHANGELIST,
        {"action": "erase_requested", "_selected_action": [erasure.pk], "confirmed": "yes"},
    )

    assert listed.status_code == 200
    assert "erase_requested" not in listed.content.decode()
    assert refused.status_code in (200, 302)
    assert Patient.objects.get(pk=alex.pk).erased_at is None


def test_the_download_holds_the_scores_given_for_a_session(alex):
    from bookings.courses.models import Outcome

    Outcome.objects.create(booking=alex.past, pain_now=6, pain_worst=8)
    browser = signed_in("alex@example.org")

    data = json.loads(browser.get(reverse("bookings:my_data")).content)

    past = next(b for b in data["bookings"] if b["reference"] == alex.past.reference)
    assert past["scores"] == {"pain_now": 6, "pain_worst": 8}
