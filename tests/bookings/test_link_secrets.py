"""Secrets in links (manage links, calendar feeds) are stored only as SHA-256 digests; the
link carries the secret. Each message that carries a manage link gets its own, so links in
earlier messages keep working when a reminder or a resend goes out later; the stored copy
of a sent message keeps no secret; links sent before the change keep working."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from icalendar import Calendar

from bookings import emails, outbox, services
from bookings.models import AccessToken, Booking, OutgoingEmail
from clinic import tokens
from tests.bookings.conftest import MONDAY_9, NOW, book_online
from tests.factories import BookingFactory, PatientFactory
from tests.mail import mail_delivered

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://127\.0\.0\.1:8000(/booking/\w+/\?token=([\w-]+))")


def links_in(message) -> list[tuple[str, str]]:
    return LINK.findall(message.body)


def test_a_manage_secret_is_stored_only_as_a_digest(clock, practitioner, treatment):
    with mail_delivered():
        booking = book_online(practitioner, treatment)
    [(path, secret)] = links_in(mail.outbox[0])

    stored = str(list(Booking.objects.values())) + str(list(AccessToken.objects.values()))
    stored += str(list(Booking.history.values()))
    assert len(secret) >= 43  # 256 bits
    assert secret not in stored
    assert AccessToken.objects.filter(booking=booking, digest=tokens.digest(secret)).exists()
    assert not hasattr(booking, "manage_token")


def test_a_sent_message_keeps_no_secret_in_its_stored_copy(client, clock, practitioner, treatment):
    with mail_delivered():
        booking = book_online(practitioner, treatment)
    [(path, secret)] = links_in(mail.outbox[0])

    stored = OutgoingEmail.objects.get(booking=booking, kind="confirmed")
    assert stored.sent_at is not None
    assert secret not in stored.body_text + stored.body_html
    assert "token=removed-after-sending" in stored.body_text
    assert "token=removed-after-sending" in stored.body_html
    assert client.get(path).status_code == 200  # the patient's copy still works


def test_a_message_is_sent_with_its_secret_even_if_the_first_try_fails(
    clock, practitioner, treatment, settings
):
    settings.EMAIL_BACKEND = "tests.bookings.test_link_secrets.BrokenBackend"
    with mail_delivered():
        booking = book_online(practitioner, treatment)
    pending = OutgoingEmail.objects.get(booking=booking, kind="confirmed")
    assert pending.sent_at is None and "token=removed" not in pending.body_text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.shift(timedelta(minutes=1))  # past the worker's wait before a retry
    outbox.send(pending.pk)

    [(path, secret)] = links_in(mail.outbox[0])
    assert AccessToken.objects.filter(digest=tokens.digest(secret)).exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError


def test_a_reminder_brings_its_own_link_and_earlier_links_keep_working(
    client, clock, practitioner, treatment
):
    with mail_delivered():
        book_online(practitioner, treatment)
        clock.move_to(MONDAY_9 - timedelta(hours=20))
        call_command("send_reminders")
    confirmation, reminder = (m for m in mail.outbox if m.to == ["alex@example.org"])
    [(first, _)] = links_in(confirmation)
    [(second, _)] = set(links_in(reminder))  # the scores link is the same link

    assert first != second
    assert client.get(first).status_code == 200
    assert client.get(second).status_code == 200


def test_staff_moves_and_resends_carry_working_links(client, clock, practitioner, treatment):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    with mail_delivered():
        services.reschedule(booking=booking, new_start=MONDAY_9 + timedelta(hours=2), by_staff=True)
        emails.booking_confirmed(booking)
    moved, resent = (m for m in mail.outbox if m.to == [booking.patient.email])

    for message in (moved, resent):
        [(path, _)] = links_in(message)
        assert client.get(path).status_code == 200


def test_cancellation_email_and_calendar_files_carry_no_manage_link(clock, practitioner, treatment):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    with mail_delivered():
        emails.booking_confirmed(booking)
        services.cancel(booking=booking, by_staff=True)
    confirmed, cancelled = (m for m in mail.outbox if m.to == [booking.patient.email])

    assert links_in(cancelled) == []
    for message in (confirmed, cancelled):
        [(_, ics, _)] = message.attachments
        [event] = Calendar.from_ical(ics).walk("VEVENT")
        assert "token" not in ics and "call" in str(event["description"])


@pytest.mark.django_db(transaction=True)
def test_links_sent_before_the_change_keep_working(client):
    """Migrate back to plaintext tokens, store one of each as the old code did, migrate
    forward: both old links still open, and only digests are left in the database."""
    executor = MigrationExecutor(connection)
    before = [("bookings", "0003_staff_roles"), ("practitioners", "0001_initial")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    practitioner = old.get_model("practitioners", "Practitioner").objects.create(
        name="P", slug="p", title="t", biography="b", qualifications="q", register="r",
        registration_number="1", practising_since=2000, feed_token="old-feed-secret",
    )  # fmt: skip
    patient = old.get_model("bookings", "Patient").objects.create(
        first_name="Old", last_name="Link", email="old@example.org", phone="1",
        date_of_birth="1980-01-01",
    )  # fmt: skip
    treatment = old.get_model("bookings", "Treatment").objects.create(
        name="T", slug="t", description="d", duration_minutes=45, price=1
    )
    old.get_model("bookings", "Booking").objects.create(
        reference="OLDREF12", manage_token="old-manage-secret", patient=patient,
        practitioner=practitioner, treatment=treatment, start=NOW + timedelta(days=3),
        end=NOW + timedelta(days=3, minutes=45), blocked_until=NOW + timedelta(days=3, hours=1),
        screening_version="1",
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    booking = Booking.objects.get(reference="OLDREF12")
    assert client.get(booking.manage_url("old-manage-secret")).status_code == 200
    assert client.get("/schedule/feed/old-feed-secret.ics").status_code == 200
    everything = str(list(AccessToken.objects.values())) + str(list(Booking.objects.values()))
    assert "old-manage-secret" not in everything
    assert (booking.given_first_name, booking.given_email) == ("Old", "old@example.org")


def test_staff_and_new_patients_still_get_a_record(clock, practitioner, treatment, reception_user):
    patient = PatientFactory()
    booking = services.book(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=patient,
        screening_answers={},
        consented=False,
        created_by=reception_user,
    )
    assert booking.patient == patient
    assert booking.given_email == patient.email
