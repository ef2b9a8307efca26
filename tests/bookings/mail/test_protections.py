"""Each protection around email has a test that fails when the protection is removed."""

import logging
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from bookings import emails, outbox, services
from bookings.models import Booking, OutgoingEmail
from tests.bookings.conftest import MONDAY_9, screening_answers
from tests.bookings.mail.conftest import free_port

pytestmark = pytest.mark.django_db

PATIENT = services.PatientDetails(
    "Rosalind", "Quennell", "rosalind.quennell@example.org", "07700 900456", date(1975, 2, 3)
)


def book(practitioner, treatment):
    return services.book(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PATIENT,
        screening_answers=screening_answers(pregnant=True),
        consented=True,
    )


class Abandon(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_booking_rolled_back_by_an_outer_transaction_queues_and_sends_nothing(
    clock, practitioner, treatment, smtp_server
):
    controller, server = smtp_server
    with pytest.raises(Abandon), transaction.atomic():
        book(practitioner, treatment)
        assert OutgoingEmail.objects.count() == 2  # queued inside the transaction...
        raise Abandon

    call_command("deliver_mail", "--once")

    assert not Booking.objects.exists()
    assert not OutgoingEmail.objects.exists()  # ...and gone with it
    assert server.envelopes == []


def personal_strings(booking, link_secret):
    return [
        PATIENT.email,
        PATIENT.first_name,
        PATIENT.last_name,
        PATIENT.phone,
        booking.practitioner.user.email,
        link_secret,
        booking.reference,
    ]


def test_sending_logs_nothing_personal_whether_the_server_is_down_or_up(
    clock, practitioner, treatment, smtp_server, settings, caplog
):
    controller, server = smtp_server
    caplog.set_level(logging.DEBUG)
    booking = book(practitioner, treatment)
    # The manage link's secret, as queued (the stored copy forgets it once sent).
    [link_secret] = re.findall(r"token=([\w-]+)", OutgoingEmail.objects.first().body_text)[:1]

    settings.EMAIL_PORT = free_port()  # nothing listens there: the server is down
    call_command("deliver_mail", "--once")
    settings.EMAIL_PORT = controller.port
    clock.shift(timedelta(hours=2))
    call_command("deliver_mail", "--once")

    assert len(server.envelopes) == 2
    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]  # not aiosmtpd's
    assert any("not sent" in r.getMessage() for r in ours)
    logged = "\n".join(logging.Formatter().format(r) for r in ours)
    for secret in personal_strings(booking, link_secret):
        assert secret not in logged


def test_a_worker_run_with_the_server_down_keeps_the_message_and_a_later_run_sends_it(
    clock, practitioner, treatment, smtp_server, settings
):
    controller, server = smtp_server
    booking = book(practitioner, treatment)
    settings.EMAIL_PORT = free_port()  # the server is down

    call_command("deliver_mail", "--once")

    assert Booking.objects.filter(pk=booking.pk).exists()
    pending = OutgoingEmail.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert set(pending.values_list("last_error", flat=True)) == {"ConnectionRefusedError"}
    assert set(pending.values_list("attempts", flat=True)) == {1}

    settings.EMAIL_PORT = controller.port  # the server is back
    call_command("deliver_mail", "--once")
    assert server.envelopes == []  # waits before trying again, not every two seconds
    clock.shift(outbox.retry_delay(1))
    call_command("deliver_mail", "--once")

    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()
    assert set(OutgoingEmail.objects.values_list("last_error", flat=True)) == {""}
    assert sorted(e.rcpt_tos[0] for e in server.envelopes) == sorted(
        [PATIENT.email, "hannah@example.org"]
    )
    confirmation = next(e for e in server.envelopes if e.rcpt_tos == [PATIENT.email])
    assert "text/calendar" in confirmation.content.decode()
    assert "text/html" in confirmation.content.decode()


def test_a_message_that_keeps_failing_is_given_up_after_the_last_attempt(
    clock, practitioner, treatment, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    emails.sign_in_link(to=PATIENT.email, link="https://clinic.example.org/x/")

    for _ in range(outbox.MAX_ATTEMPTS + 3):
        call_command("deliver_mail", "--once")
        clock.shift(timedelta(days=1))

    row = OutgoingEmail.objects.get()
    assert row.attempts == outbox.MAX_ATTEMPTS
    assert row.sent_at is None
    assert any("giving up" in r.getMessage() for r in caplog.records)


def test_each_message_carries_a_message_id_on_the_site_s_domain(settings, clock):
    settings.SITE_URL = "https://clinic.example.org"

    emails.sign_in_link(to=PATIENT.email, link="https://clinic.example.org/x/")
    stored = OutgoingEmail.objects.get().message_id
    call_command("deliver_mail", "--once")

    assert re.fullmatch(r"<[^@<>\s]+@clinic\.example\.org>", stored)
    assert mail.outbox[0].message()["Message-ID"] == stored
