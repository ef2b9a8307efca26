"""`manage.py apply_retention`: what the privacy notice says, done. Records whose last
appointment is older than RECORD_RETENTION_YEARS lose the person; link emails go after
LINK_EMAIL_RETENTION_DAYS; spent links go; running it again (or twice at once) is harmless."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings

from bookings.models import AccessToken, Booking, OutgoingEmail, Patient
from tests.bookings.conftest import NOW
from tests.factories import BookingFactory, PatientFactory

pytestmark = pytest.mark.django_db

YEAR = timedelta(days=366)


def patient_last_seen(practitioner, treatment, ago, **person):
    patient = PatientFactory(**person)
    Patient.objects.filter(pk=patient.pk).update(created_at=NOW - ago - YEAR)
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=NOW - ago,
        status=Booking.Status.ATTENDED,
        patient=patient,
        patient_note="A private note",
    )
    return patient


def run() -> str:
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    return out.getvalue()


def test_records_past_the_period_are_anonymised_and_younger_ones_kept(
    clock, practitioner, treatment
):
    old = patient_last_seen(practitioner, treatment, 9 * YEAR, first_name="Oldname")
    young = patient_last_seen(practitioner, treatment, 7 * YEAR, first_name="Youngname")
    back = patient_last_seen(
        practitioner, treatment, 9 * YEAR + timedelta(hours=2), first_name="Backname"
    )
    BookingFactory(practitioner=practitioner, treatment=treatment, start=NOW - YEAR, patient=back)
    apart = BookingFactory(  # on no record, made long ago
        practitioner=practitioner,
        treatment=treatment,
        start=NOW - 9 * YEAR + timedelta(hours=3),
        patient=None,
        given_first_name="Apartname",
        given_email="apart@example.org",
    )

    output = run()

    old.refresh_from_db(), young.refresh_from_db(), back.refresh_from_db(), apart.refresh_from_db()
    assert (old.first_name, old.phone, old.date_of_birth) == ("Erased", "", None)
    assert old.bookings.get().patient_note == ""
    assert young.first_name == "Youngname" and back.first_name == "Backname"
    assert (apart.given_first_name, apart.given_email) == ("Erased", "")
    assert not Patient.history.filter(first_name="Oldname").exists()
    assert "1 patient record(s) and 1 booking(s) on no record anonymised" in output
    for name in ("Oldname", "Youngname", "Apartname"):
        assert name not in output
    assert "patient record(s) and 0 booking(s)" in run() and "0 patient record(s)" in run()


@override_settings(RECORD_RETENTION_YEARS=5)
def test_the_period_is_the_setting_the_privacy_notice_shows(client, clock, practitioner, treatment):
    patient = patient_last_seen(practitioner, treatment, 6 * YEAR, first_name="Sixyears")

    notice = client.get("/privacy/").content.decode()
    run()

    patient.refresh_from_db()
    assert "for 5 years after your last appointment" in notice
    assert "deleted after 30 days" in notice
    assert patient.erased_at is not None


def test_spent_links_and_old_link_emails_go_but_booking_emails_stay(clock, practitioner, treatment):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=NOW)
    AccessToken.objects.issue("sign_in", email="a@example.org", lifetime=timedelta(minutes=15))
    AccessToken.objects.issue("manage", booking=booking)
    old_link = OutgoingEmail.objects.create(
        kind="sign_in_link", to="a@example.org", subject="s", body_text="t"
    )
    recent_link = OutgoingEmail.objects.create(
        kind="sign_in_link", to="b@example.org", subject="s", body_text="t"
    )
    about_booking = OutgoingEmail.objects.create(
        kind="confirmed", booking=booking, to="c@example.org", subject="s", body_text="t"
    )
    OutgoingEmail.objects.filter(pk__in=[old_link.pk, about_booking.pk]).update(
        created_at=NOW - timedelta(days=31)
    )
    clock.shift(timedelta(hours=2))

    output = run()

    assert list(AccessToken.objects.values_list("purpose", flat=True)) == ["manage"]
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {
        recent_link.pk,
        about_booking.pk,
    }
    assert "1 link(s) and 1 message(s) deleted" in output


def test_a_sent_message_still_holding_a_secret_is_scrubbed(clock):
    stuck = OutgoingEmail.objects.create(
        kind="confirmed", to="a@example.org", subject="s", sent_at=NOW,
        body_text="http://x/booking/ABC/?token=abcdefghijklmnopqrstuvwxyz0123456789",
    )  # fmt: skip

    run()

    stuck.refresh_from_db()
    assert stuck.body_text == "http://x/booking/ABC/?token=removed-after-sending"
