"""Every message the clinic sends: composed here, kept in OutgoingEmail, sent after commit.

A message is stored in the same transaction as the change it reports, then handed to the
mail server once that transaction commits. If the server is down the row stays pending and
`manage.py send_pending_emails` retries it: a booking never depends on the mail server.
Nothing here logs an address or a name.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from bookings import ics
from bookings.models import Booking, OutgoingEmail
from clinic.clock import clinic_tz
from clinic.context_processors import clinic as clinic_context

logger = logging.getLogger(__name__)

SEND_LOCK = timedelta(minutes=5)
MAX_ATTEMPTS = 20


def _context(**extra):
    # The same clinic details the pages show; mail is rendered outside any request.
    return {**clinic_context(request=None), "site_url": settings.SITE_URL, **extra}


def queue(
    *, kind: str, to: str, subject: str, context: dict, booking=None, attachments=()
) -> OutgoingEmail:
    """Store a message rendered from templates/bookings/emails/<kind>.txt and .html, and
    send it once the current transaction commits."""
    context = _context(**context)
    with timezone.override(clinic_tz()):  # times in the clinic's wall clock, even from cron
        body_text = render_to_string(f"bookings/emails/{kind}.txt", context)
        body_html = render_to_string(f"bookings/emails/{kind}.html", context)
    email = OutgoingEmail.objects.create(
        kind=kind,
        booking=booking,
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=list(attachments),
    )
    transaction.on_commit(lambda: send(email.pk))
    return email


def send(pk: int) -> bool:
    """Try to hand one pending message to the mail server. True if it was sent."""
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=pk, sent_at__isnull=True)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + SEND_LOCK, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    email = OutgoingEmail.objects.get(pk=pk)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[settings.CLINIC_EMAIL],
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        message.send()
    except Exception as error:  # any failure of the mail server: keep the row, retry later
        OutgoingEmail.objects.filter(pk=pk).update(
            locked_until=None, last_error=type(error).__name__[:200]
        )
        logger.warning(
            "Email %s (%s) not sent: %s; will retry", pk, email.kind, type(error).__name__
        )
        return False
    OutgoingEmail.objects.filter(pk=pk).update(
        sent_at=timezone.now(), locked_until=None, last_error=""
    )
    return True


def send_pending() -> tuple[int, int]:
    """Retry every pending message. Returns (sent, still pending)."""
    pending = OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    sent = sum(send(pk) for pk in pending.values_list("pk", flat=True))
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


def booking_confirmed(booking: Booking, *, tell_practitioner: bool = True) -> None:
    _to_patient("confirmed", f"Your booking is confirmed: {booking.reference}", booking)
    if tell_practitioner:
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
