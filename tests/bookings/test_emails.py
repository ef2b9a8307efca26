import re
import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from icalendar import Calendar

from bookings import outbox, services
from bookings.ics import event_uid
from bookings.models import Booking, OutgoingEmail
from tests.bookings.conftest import MONDAY_9, NOW, book_online, screening_answers
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


def parse_ics(message):
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics")
    return Calendar.from_ical(content), mimetype


def test_confirmation_has_text_html_and_a_valid_ics(clock, practitioner, treatment):
    booking = book_online(practitioner, treatment)
    outbox.send_pending()  # what the mail worker does

    message = mail.outbox[0]
    cal, mimetype = parse_ics(message)
    [event] = cal.walk("VEVENT")
    assert "Dear Alex" in message.body
    assert "Monday 23 November 2026, 09:00" in message.body
    [link] = re.findall(r"http://\S+/booking/\S+", message.body)
    assert link.startswith(f"http://127.0.0.1:8000/booking/{booking.reference}/?token=")
    assert message.alternatives[0].mimetype == "text/html"
    assert "Move or cancel" in message.alternatives[0].content
    assert "method=REQUEST" in mimetype
    assert str(event["uid"]) == event_uid(booking)
    assert event.decoded("dtstart") == MONDAY_9
    assert event.decoded("dtend") == MONDAY_9 + timedelta(minutes=45)
    assert int(event["sequence"]) == 0


def test_move_and_cancel_update_the_same_event(clock, practitioner, treatment):
    booking = book_online(practitioner, treatment)
    services.reschedule(booking=booking, new_start=MONDAY_9 + timedelta(hours=1))
    services.cancel(booking=booking)
    outbox.send_pending()  # what the mail worker does

    patient_mail = [m for m in mail.outbox if m.to == ["alex@example.org"]]
    events = [parse_ics(m)[0].walk("VEVENT")[0] for m in patient_mail]
    assert {str(e["uid"]) for e in events} == {event_uid(booking)}
    assert [int(e["sequence"]) for e in events] == [0, 1, 2]
    assert events[1].decoded("dtstart") == MONDAY_9 + timedelta(hours=1)
    assert str(events[2]["status"]) == "CANCELLED"
    assert parse_ics(patient_mail[2])[0]["method"] == "CANCEL"


def test_practitioner_notice_carries_no_screening_answers(clock, practitioner, treatment):
    services.book(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=services.PatientDetails(
            "Alex", "Patient", "alex@example.org", "07700 900123", date(1980, 5, 17)
        ),
        screening_answers=screening_answers(pregnant="yes"),
        consented=True,
    )
    outbox.send_pending()  # what the mail worker does

    notice = next(m for m in mail.outbox if m.to == ["hannah@example.org"])
    assert "health screening needs your attention" in notice.body
    assert "pregnan" not in notice.body.lower()
    assert "Patient" not in notice.body  # first name only


def test_reminders_are_sent_once(clock, practitioner, treatment):
    tomorrow = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW + timedelta(hours=20)
    )
    BookingFactory(practitioner=practitioner, treatment=treatment, start=NOW + timedelta(days=3))
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=NOW + timedelta(hours=5),
        status=Booking.Status.CANCELLED,
    )

    call_command("send_reminders")
    call_command("send_reminders")
    outbox.send_pending()  # what the mail worker does

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [tomorrow.patient.email]
    assert mail.outbox[0].subject.startswith(
        "Reminder: your session on Saturday 21 November at 04:00"
    )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_reminder_runs_send_each_reminder_once(practitioner, treatment):
    from django.utils import timezone

    now = timezone.now()
    for hours in range(1, 11):
        BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            start=now + timedelta(hours=hours, minutes=7 * hours),
        )
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(services.send_due_reminders(hours_before=24))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sum(results) == 10
    assert OutgoingEmail.objects.filter(kind="reminder").count() == 10
    assert OutgoingEmail.objects.filter(kind="reminder").values("booking").distinct().count() == 10
