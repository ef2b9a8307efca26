"""Every message the clinic sends: composed here and queued in OutgoingEmail, in the same
transaction as the change it reports, so a change that rolls back sends nothing. No
request ever talks to the mail server: bookings.outbox, run by the mail worker, delivers
the queue. Nothing here logs an address, a name or a link."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bookings import ics
from bookings.models import AccessToken, Booking, OutgoingEmail
from clinic.clock import clinic_tz
from clinic.context_processors import clinic as clinic_context

logger = logging.getLogger(__name__)

# Longer than any one send can take (each SMTP step times out after EMAIL_TIMEOUT), so a
# claim only lapses when its worker has died.


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


def booking_confirmed(booking: Booking, *, tell_practitioner: bool = True) -> None:
    _to_patient(
        "confirmed",
        f"Your booking is confirmed: {booking.reference}",
        booking,
        confirm_link=_confirm_link(booking),
    )
    # A resend is for the patient only: the practitioner was told when it was made.
    if tell_practitioner:
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


def course_confirmed(course, bookings: list[Booking]) -> None:
    """One email for a whole course: every date, a manage link per session, and one
    calendar file holding every session."""
    queue(
        kind="course_confirmed",
        to=course.patient.email,
        subject=f"Your course of {len(bookings)} sessions is booked",
        booking=bookings[0],
        context={
            "course": course,
            "sessions": [(b, _manage_link(b)) for b in bookings],
        },
        attachments=[
            {
                "filename": f"course-{bookings[0].reference}.ics",
                "content": ics.course_ics(bookings).decode(),
                "mimetype": "text/calendar; charset=utf-8; method=PUBLISH",
            }
        ],
    )
    _course_to_practitioner(course, bookings, "booked")


def course_cancelled(course, bookings: list[Booking]) -> None:
    """The sessions a cancelled course freed, each with its calendar cancellation."""
    queue(
        kind="course_cancelled",
        to=course.patient.email,
        subject=f"Your course is cancelled: {len(bookings)} sessions",
        booking=bookings[0],
        context={"course": course, "sessions": bookings},
        attachments=[_ics_attachment(b) for b in bookings],
    )
    _course_to_practitioner(course, bookings, "cancelled")


def _course_to_practitioner(course, bookings: list[Booking], change: str) -> None:
    user = course.practitioner.user
    if user is None or not user.email:
        return
    queue(
        kind="course_practitioner_notice",
        to=user.email,
        subject=f"Course {change}: {len(bookings)} sessions",
        booking=bookings[0],
        context={"course": course, "sessions": bookings, "change": change},
    )
