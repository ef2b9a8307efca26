"""Every message the clinic sends: composed here, kept in OutgoingEmail, sent by the worker.

A message is stored in the same transaction as the change it reports, so a change that
rolls back sends nothing. No request ever talks to the mail server: the worker
(`manage.py deliver_mail`, beside the web server) claims each stored message with a
conditional UPDATE, sends it and marks it sent. If the server is down the row stays
pending and is tried again later. Nothing here logs an address, a name or a link.

Guarantee when a worker dies after the server took a message but before it was marked
sent: at least once. The claim lapses after SEND_LOCK and another worker sends it again
with the same Message-ID (and the same calendar UID and SEQUENCE), so mail programs that
de-duplicate show it once and calendars update the one event. A lost confirmation would
be worse for a patient than a repeated one.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from bookings import ics
from bookings.models import Booking, OutgoingEmail
from clinic.clock import clinic_tz
from clinic.context_processors import clinic as clinic_context

logger = logging.getLogger(__name__)

# Longer than any one send can take (each SMTP step times out after EMAIL_TIMEOUT), so a
# claim only lapses when its worker has died.
SEND_LOCK = timedelta(minutes=5)
MAX_ATTEMPTS = 20
BATCH = 100


def _context(**extra):
    # The same clinic details the pages show; mail is rendered outside any request.
    return {**clinic_context(request=None), "site_url": settings.SITE_URL, **extra}


def queue(
    *, kind: str, to: str, subject: str, context: dict, booking=None, attachments=()
) -> OutgoingEmail:
    """Store a message rendered from templates/bookings/emails/<kind>.txt and .html for
    the worker to send. It leaves only if the current transaction commits."""
    context = _context(**context)
    with timezone.override(clinic_tz()):  # times in the clinic's wall clock, even from cron
        body_text = render_to_string(f"bookings/emails/{kind}.txt", context)
        body_html = render_to_string(f"bookings/emails/{kind}.html", context)
    return store(
        kind=kind,
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        booking=booking,
        attachments=attachments,
    )


def store(
    *,
    kind: str,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    booking=None,
    attachments=(),
) -> OutgoingEmail:
    """Store an already-rendered message for the worker (for forms that render their own,
    such as Django's password reset: call this from their `send_mail`)."""
    return OutgoingEmail.objects.create(
        kind=kind,
        booking=booking,
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=list(attachments),
    )


def retry_delay(attempts: int) -> timedelta:
    """How long a message waits after its n-th failed try: 30 s, doubling, at most an
    hour, so a mail outage of a day is ridden out without hammering the server."""
    return min(timedelta(seconds=30) * 2 ** (attempts - 1), timedelta(hours=1))


def _claim(pk: int) -> OutgoingEmail | None:
    # Committed before the message goes anywhere (the worker runs in autocommit), so a
    # second worker sees the claim and leaves the message alone.
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=pk, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .update(locked_until=now + SEND_LOCK, attempts=F("attempts") + 1)
    )
    return OutgoingEmail.objects.get(pk=pk) if claimed else None


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[settings.CLINIC_EMAIL],
        headers={"Message-ID": email.message_id},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def _failed(email: OutgoingEmail, error: Exception) -> None:
    # The error's type only: its text can hold the address the server refused.
    error_name = type(error).__name__
    delay = retry_delay(email.attempts)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        locked_until=timezone.now() + delay, last_error=error_name[:200]
    )
    if email.attempts >= MAX_ATTEMPTS:
        logger.error(
            "Email %s (%s) not sent after %s attempts: %s; giving up",
            email.pk, email.kind, email.attempts, error_name,
        )  # fmt: skip
    else:
        logger.warning(
            "Email %s (%s) not sent: %s; will retry in %s s",
            email.pk, email.kind, error_name, int(delay.total_seconds()),
        )  # fmt: skip


def send(pk: int) -> bool:
    """Claim one pending message and hand it to the mail server. True if it was sent."""
    email = _claim(pk)
    if email is None:
        return False
    try:
        _message(email).send()
    except Exception as error:  # any failure of the mail server: keep the row, retry later
        _failed(email, error)
        return False
    OutgoingEmail.objects.filter(pk=pk).update(
        sent_at=timezone.now(), locked_until=None, last_error=""
    )
    logger.info("Email %s (%s) sent", pk, email.kind)
    return True


def due() -> list[int]:
    """The oldest messages a worker may try now."""
    return list(
        OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=timezone.now()))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:BATCH]
    )


def send_pending(*, stop=lambda: False) -> tuple[int, int]:
    """Send every message that is due, until `stop()` says so. Returns (sent, still
    pending). Safe to run in several processes at once: each message is claimed first."""
    sent = 0
    while batch := due():
        for pk in batch:
            if stop():
                break
            sent += send(pk)
        if stop() or len(batch) < BATCH:
            break
    return sent, OutgoingEmail.objects.filter(sent_at__isnull=True).count()


def _ics_attachment(booking: Booking) -> dict:
    method = "CANCEL" if booking.status == Booking.Status.CANCELLED else "REQUEST"
    return {
        "filename": f"booking-{booking.reference}.ics",
        "content": ics.patient_ics(booking).decode(),
        "mimetype": f"text/calendar; charset=utf-8; method={method}",
    }


def _to_patient(kind: str, subject: str, booking: Booking, **context) -> OutgoingEmail:
    return queue(
        kind=kind,
        to=booking.patient.email,
        subject=subject,
        booking=booking,
        context={
            "booking": booking,
            "manage_link": settings.SITE_URL + booking.manage_url,
            **context,
        },
        attachments=[_ics_attachment(booking)],
    )


def _to_practitioner(booking: Booking, change: str) -> None:
    user = booking.practitioner.user
    if user is None or not user.email:
        return
    queue(
        kind="practitioner_notice",
        to=user.email,
        subject=f"Booking {change}: {booking.reference}",
        booking=booking,
        context={"booking": booking, "change": change},
    )


def booking_confirmed(booking: Booking) -> None:
    _to_patient("confirmed", f"Your booking is confirmed: {booking.reference}", booking)
    _to_practitioner(booking, "made")


def booking_moved(booking: Booking, *, old_start) -> None:
    _to_patient(
        "moved", f"Your booking has moved: {booking.reference}", booking, old_start=old_start
    )
    _to_practitioner(booking, "moved")


def booking_cancelled(booking: Booking) -> None:
    _to_patient("cancelled", f"Your booking is cancelled: {booking.reference}", booking)
    _to_practitioner(booking, "cancelled")


def booking_reminder(booking: Booking) -> None:
    local_start = booking.start.astimezone(clinic_tz())
    _to_patient("reminder", f"Reminder: your session on {local_start:%A %-d %B at %H:%M}", booking)


def sign_in_link(*, to: str, link: str) -> None:
    queue(
        kind="sign_in_link",
        to=to,
        subject=f"Your bookings at {settings.CLINIC_NAME}",
        context={"link": link},
    )
