"""The mail worker: `manage.py deliver_mail` runs beside the web server and sends what
requests queued. Several copies may run at once; each message goes out once."""

import signal
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bookings import emails, outbox
from bookings.models import OutgoingEmail
from tests.bookings.mail.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def queue_messages(count):
    return [
        emails.queue(
            kind="sign_in_link",
            to=f"patient{n}@example.org",
            subject="Your bookings",
            context={"link": f"https://clinic.example.org/my-bookings/{n}/"},
        )
        for n in range(count)
    ]


def test_two_workers_on_one_queue_send_each_message_exactly_once(smtp_server, start_worker):
    controller, server = smtp_server
    server.delay = 0.02  # both workers are mid-queue at the same time
    first = start_worker(controller.port, "--interval", "0.1")
    second = start_worker(controller.port, "--interval", "0.1")

    queued = queue_messages(40)
    wait_for(lambda: not OutgoingEmail.objects.filter(sent_at__isnull=True).exists())
    first_exit = first.stop(signal.SIGTERM)
    second_exit = second.stop(signal.SIGINT)

    assert sorted(server.message_ids()) == sorted(e.message_id for e in queued)
    assert len(set(server.message_ids())) == 40
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}
    for returncode, out, err in (first_exit, second_exit):
        assert returncode == 0, err
        assert "Stopped" in out
        assert "Traceback" not in err


def test_a_running_worker_delivers_within_seconds(smtp_server, start_worker):
    controller, server = smtp_server
    worker = start_worker(controller.port)  # the default interval

    [queued] = queue_messages(1)
    wait_for(lambda: len(server.envelopes) == 1, timeout=10)

    assert server.message_ids() == [queued.message_id]
    assert worker.stop()[0] == 0


def test_a_message_held_by_a_worker_that_died_is_sent_again_with_the_same_message_id(
    smtp_server, start_worker
):
    """The chosen guarantee (README): at least once. A worker killed after handing a
    message over leaves it claimed; once the claim runs out another worker sends it again
    under the same Message-ID, and never while the claim still holds."""
    controller, server = smtp_server
    server.hold.set()
    worker = start_worker(controller.port, "--interval", "0.1", timeout=60)
    [queued] = queue_messages(1)
    wait_for(server.held.is_set)
    worker.kill()
    server.hold.clear()

    row = OutgoingEmail.objects.get()
    assert row.sent_at is None and row.attempts == 1
    assert row.locked_until > timezone.now()
    call_command("deliver_mail", "--once")  # the claim still holds: not sent twice
    assert len(server.envelopes) == 1

    with time_machine.travel(timezone.now() + outbox.SEND_LOCK + timedelta(seconds=1)):
        call_command("deliver_mail", "--once")

    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2
    assert server.message_ids() == [queued.message_id, queued.message_id]


def test_once_sends_every_pending_message_and_stops():
    queue_messages(3)

    call_command("deliver_mail", "--once")

    assert len(mail.outbox) == 3
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()
    assert [m.message()["Message-ID"] for m in mail.outbox] == list(
        OutgoingEmail.objects.order_by("created_at").values_list("message_id", flat=True)
    )


def test_send_pending_emails_is_the_cron_fallback_for_the_same_queue():
    queue_messages(2)

    call_command("send_pending_emails")

    assert len(mail.outbox) == 2
    assert OutgoingEmail.objects.filter(sent_at__isnull=False).count() == 2
