"""Every message the clinic sends: composed here, kept in OutgoingEmail, sent after commit.

A message is stored in the same transaction as the change it reports, then handed to the
mail server once that transaction commits. If the server is down the row stays pending and
`manage.py send_pending_emails` retries it: a booking never depends on the mail server.
Nothing here logs an address or a name.
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bookings import ics
from bookings.models import AccessToken, Booking, OutgoingEmail
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
    forget_link_secrets(pk)
    return True


# The secrets in links as the messages here write them: "?token=..." and the path of
# Django's password reset link. Stored copies keep them only until the message is sent.
LINK_SECRET = re.compile(r"(?<=token=)[A-Za-z0-9_\-]+|(?<=/reset/)[A-Za-z0-9_\-]+/[A-Za-z0-9\-]+/")
FORGOTTEN = "removed-after-sending"


def forget_link_secrets(pk: int) -> None:
    """Take the secrets out of a sent message's stored copy, so the outbox (and a backup of
    it) opens no booking and signs no one in. Only the digests stay (AccessToken)."""
    email = OutgoingEmail.objects.filter(pk=pk, sent_at__isnull=False).first()
    if email is None:
        return
    text = LINK_SECRET.sub(FORGOTTEN, email.body_text)
    html = LINK_SECRET.sub(FORGOTTEN, email.body_html)
    if (text, html) != (email.body_text, email.body_html):
        OutgoingEmail.objects.filter(pk=pk).update(body_text=text, body_html=html)


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


def _manage_link(booking: Booking) -> str:
    # Each message gets its own secret (only its digest is stored), so a reminder or a
    # resend never stops the links in earlier messages from working.
    secret = AccessToken.objects.issue(AccessToken.Purpose.MANAGE, booking=booking)
    return settings.SITE_URL + booking.manage_url(secret)


def _to_patient(
    kind: str, subject: str, booking: Booking, *, manage_link: bool = True, **context
) -> OutgoingEmail:
    """To whoever the booking is for: the record once it is on one, otherwise the details
    given with it (never a stored record's name for an unconfirmed booking)."""
    return queue(
        kind=kind,
        to=booking.person.email,
        subject=subject,
        booking=booking,
        context={
            "booking": booking,
            "manage_link": _manage_link(booking) if manage_link else "",
            **context,
        },
        attachments=[_ics_attachment(booking)],
    )


def _confirm_link(booking: Booking) -> str:
    """For a booking made with an address that already has a record: the link that lets
    the address's owner add it to their record (services.records)."""
    if booking.patient_id is not None:
        return ""
    secret = AccessToken.objects.issue(
        AccessToken.Purpose.CONFIRM, booking=booking, lifetime=AccessToken.CONFIRM_LIFETIME
    )
    path = reverse("bookings:confirm_record", args=[booking.reference])
    return f"{settings.SITE_URL}{path}?token={secret}"


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
    _to_patient(
        "confirmed",
        f"Your booking is confirmed: {booking.reference}",
        booking,
        confirm_link=_confirm_link(booking),
    )
    _to_practitioner(booking, "made")


def booking_moved(booking: Booking, *, old_start) -> None:
    _to_patient(
        "moved", f"Your booking has moved: {booking.reference}", booking, old_start=old_start
    )
    _to_practitioner(booking, "moved")


def booking_cancelled(booking: Booking) -> None:
    _to_patient(
        "cancelled", f"Your booking is cancelled: {booking.reference}", booking, manage_link=False
    )
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


def password_reset(*, to: str, context: dict) -> None:
    """A staff or practitioner account's reset link (Django makes the uid and token)."""
    keep = ("uid", "token", "user")
    queue(
        kind="password_reset",
        to=to,
        subject=f"Reset your password at {settings.CLINIC_NAME}",
        context={k: context[k] for k in keep},
    )


def no_account(*, to: str) -> None:
    """The answer to a reset request for an address with no account, so that both cases
    do the same work and the form tells nothing about who has an account."""
    queue(kind="no_account", to=to, subject=f"Password reset at {settings.CLINIC_NAME}", context={})


def erasure_requested(request) -> None:
    """Tell the clinic that a patient asked to be erased; the message names no one."""
    queue(
        kind="erasure_requested",
        to=settings.CLINIC_EMAIL,
        subject="A patient has asked for their data to be erased",
        context={"admin_path": reverse("admin:bookings_erasurerequest_change", args=[request.pk])},
    )
