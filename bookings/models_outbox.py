"""The outbox: every message the clinic sends, kept until the mail server has taken it
(bookings.emails queues, bookings.outbox delivers). Imported by bookings.models."""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models


def new_message_id() -> str:
    """A Message-ID on the site's own domain, fixed when the message is queued so every
    copy of it that ever leaves carries the same one."""
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost")


class OutgoingEmail(models.Model):
    """Every message the clinic sends, kept until the mail server has taken it.

    Requests only store it; the mail worker (`manage.py deliver_mail`) sends it. A failure
    leaves the row pending for a later try, so a mail outage never loses a booking or a
    confirmation, and a slow mail server never holds a request.
    """

    kind = models.CharField(max_length=30)
    booking = models.ForeignKey(
        "bookings.Booking", null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # [{"filename": ..., "content": ..., "mimetype": ...}]
    attachments = models.JSONField(default=list, blank=True)
    message_id = models.CharField(max_length=255, unique=True, default=new_message_id)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # No worker takes the message before this time: set while one is sending it (so two
    # never send it at once) and, after a failure, until the next try is due.
    locked_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self):
        return f"{self.kind} ({'sent' if self.sent_at else 'pending'})"
