"""Delivering the outbox: what the mail worker (`manage.py deliver_mail`) does.

Requests only queue messages (bookings.emails); this module hands them to the mail server.
Each message is claimed with a conditional UPDATE committed before the server is asked, so
any number of workers can run at once. A worker that dies after the server took a message
leaves its claim; once the claim runs out the message is sent again with the same
Message-ID (at least once: a lost confirmation harms more than a repeated one). Once sent,
the stored copy forgets the secrets in its links. Nothing here logs an address or a name.
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone

from bookings.models import OutgoingEmail

logger = logging.getLogger(__name__)

SEND_LOCK = timedelta(minutes=5)
MAX_ATTEMPTS = 20
BATCH = 100


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
