"""Erasure on request and on schedule (the privacy notice's promises).

Past bookings stay, for the clinic's records, with the person taken out: the patient
record keeps its row (so bookings keep pointing at it) but loses name, contact details and
date of birth; each booking loses the details given with it and every free-text note; the
change history of both is rewritten the same way; stored copies of the messages about
those bookings lose their text and address, unsent ones are dropped; link tokens go.
Screening answers stay as yes/no flags on the anonymous booking.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from bookings import emails, outbox
from bookings.models import AccessToken, Booking, ErasureRequest, OutgoingEmail, Patient
from bookings.privacy import of_address
from bookings.services.booking import cancel

ERASED = "Erased"
ERASED_TEXT = "[Erased: the patient's personal data was removed.]"
# What a booking and its history rows keep of the person once erased.
BOOKING_ERASED = {
    "given_first_name": ERASED,
    "given_last_name": "",
    "given_email": "",
    "given_phone": "",
    "given_date_of_birth": None,
    "patient_note": "",
    "staff_notes": "",
    "cancellation_reason": "",
}


def request_erasure(*, email: str) -> ErasureRequest:
    """A signed-in patient asks to be erased. One pending request per address; staff are
    told there is one (the message names no one)."""
    with transaction.atomic():
        pending = ErasureRequest.objects.filter(email=email, status=ErasureRequest.Status.PENDING)
        if pending.exists():
            return pending.first()
        request = ErasureRequest.objects.create(
            email=email, patient=Patient.objects.filter(email=email).first()
        )
        emails.erasure_requested(request)
    return request


def _erase_bookings(pks: list[int]) -> None:
    Booking.objects.filter(pk__in=pks).update(**BOOKING_ERASED, idempotency_key=None)
    Booking.history.filter(id__in=pks).update(**BOOKING_ERASED)
    AccessToken.objects.filter(booking_id__in=pks).delete()
    OutgoingEmail.objects.filter(booking_id__in=pks, sent_at__isnull=True).delete()
    OutgoingEmail.objects.filter(booking_id__in=pks).update(
        to="", body_text=ERASED_TEXT, body_html="", attachments=[]
    )


def _erase_patient(patient: Patient, now: datetime) -> None:
    person = {
        "first_name": ERASED,
        "last_name": "patient",
        "email": f"erased-{patient.pk}@erased.invalid",  # the column is unique
        "phone": "",
        "date_of_birth": None,
    }
    Patient.objects.filter(pk=patient.pk).update(**person, erased_at=now)
    Patient.history.filter(id=patient.pk).update(**person, erased_at=now)


def erase_person(
    *, email: str, patient: Patient | None, now: datetime, address_bookings: bool = True
) -> int:
    """Take one person out of everything the clinic keeps; returns how many bookings were
    anonymised. Upcoming bookings are cancelled first, freeing their times. With
    `address_bookings`, also the bookings made with the address that are on no record."""
    if address_bookings:
        bookings = Booking.objects.filter(of_address(email, patient))
    else:
        bookings = Booking.objects.filter(patient=patient)
    upcoming = bookings.filter(status=Booking.Status.CONFIRMED, start__gt=now)
    for booking in upcoming.select_related("practitioner"):
        cancel(booking=booking, by_staff=True, notify=False, now=now)
    pks = list(bookings.values_list("pk", flat=True))
    _erase_bookings(pks)
    if patient is not None:
        _erase_patient(patient, now)
    OutgoingEmail.objects.filter(to=email, booking__isnull=True).delete()
    AccessToken.objects.filter(email=email).delete()
    ErasureRequest.objects.filter(email=email).update(email="")
    return len(pks)


def erase(
    *, erasure_request: ErasureRequest, by: AbstractBaseUser, now: datetime | None = None
) -> ErasureRequest:
    """Staff confirm a patient's request (in the admin)."""
    now = now or timezone.now()
    with transaction.atomic():
        erasure_request = ErasureRequest.objects.select_for_update().get(pk=erasure_request.pk)
        if erasure_request.status == ErasureRequest.Status.DONE:
            return erasure_request
        email = erasure_request.email
        patient = erasure_request.patient or Patient.objects.filter(email=email).first()
        if patient is not None and patient.erased_at is not None:
            patient = None
        erase_person(email=email, patient=patient, now=now)
        erasure_request.status = ErasureRequest.Status.DONE
        erasure_request.email = ""
        erasure_request.done_at, erasure_request.done_by = now, by
        erasure_request.save()
    return erasure_request


def apply_retention(*, now: datetime | None = None) -> dict[str, int]:
    """Remove or anonymise what is older than the privacy notice says we keep it. Safe to
    run from cron, even twice at once: each patient is erased under a row lock and only if
    still due, and everything else is a conditional delete or update."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=round(365.25 * settings.RECORD_RETENTION_YEARS))
    due = (
        Patient.objects.filter(erased_at__isnull=True, created_at__lt=cutoff)
        .annotate(last=Max("bookings__start"))
        .filter(Q(last__isnull=True) | Q(last__lt=cutoff))
    )
    patients = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            patient = Patient.objects.select_for_update().filter(pk=pk, erased_at__isnull=True)
            if patient.exists() and due.filter(pk=pk).exists():
                record = patient.get()
                erase_person(email=record.email, patient=record, now=now, address_bookings=False)
                patients += 1
    apart = Booking.objects.filter(patient__isnull=True, start__lt=cutoff).exclude(given_email="")
    bookings = len(pks := list(apart.values_list("pk", flat=True)))
    with transaction.atomic():
        _erase_bookings(pks)
    return {
        "patients": patients,
        "bookings": bookings,
        **_forget_links(now),
    }


def _forget_links(now: datetime) -> dict[str, int]:
    """Sign-in and confirmation links once spent; messages not about a booking
    (sign-in links, password resets) after LINK_EMAIL_RETENTION_DAYS; secrets left in sent
    messages; expired sessions (a "my bookings" session holds an address)."""
    # A used sign-in link keeps a "my bookings" session going (common.SIGNED_IN_FOR), so it
    # goes an hour after it expired; a confirmation link as soon as it is used or expired.
    spent = Q(purpose=AccessToken.Purpose.SIGN_IN, expires_at__lt=now - timedelta(hours=1)) | Q(
        Q(used_at__isnull=False) | Q(expires_at__lt=now), purpose=AccessToken.Purpose.CONFIRM
    )
    tokens, _ = AccessToken.objects.filter(spent).delete()
    old = now - timedelta(days=settings.LINK_EMAIL_RETENTION_DAYS)
    messages, _ = OutgoingEmail.objects.filter(booking__isnull=True, created_at__lt=old).delete()
    unscrubbed = OutgoingEmail.objects.filter(
        sent_at__isnull=False, body_text__contains="token="
    ).exclude(body_text__contains=f"token={outbox.FORGOTTEN}")
    for pk in unscrubbed.values_list("pk", flat=True):
        outbox.forget_link_secrets(pk)
    store: type[SessionBase] = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    store.clear_expired()
    return {"links": tokens, "messages": messages}
