"""Which patient record a booking joins, and when.

An online form proves nothing about who owns an email address. So a booking keeps the
details given with it, and joins a patient record only when that is proven:

- an address nobody has booked with before makes a new record from those details (there is
  nothing stored to reveal or to add to);
- a booking with an address that already has a record stays apart from it. Its confirmation
  email, sent only to that address, carries a link: when the address's owner follows it and
  the name and date of birth match the record, the booking joins the record. If they
  differ, it waits for staff, who see the differences and link it in the admin.

Until then nothing of the record is shown on the booking's pages, emails or calendar file,
and nothing of the booking (its note, its screening answers) appears on the record.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from bookings.models import AccessToken, Booking, Patient
from bookings.services.errors import BookingError


@dataclass(frozen=True)
class PatientDetails:
    first_name: str
    last_name: str
    email: str
    phone: str
    date_of_birth: date


def given_fields(details: "PatientDetails | Patient") -> dict:
    """The booking's given_* fields from a form's details or from a record (staff)."""
    return {
        "given_first_name": details.first_name,
        "given_last_name": details.last_name,
        "given_email": details.email.strip().lower(),
        "given_phone": details.phone,
        "given_date_of_birth": details.date_of_birth,
    }


def new_record_or_none(details: PatientDetails) -> Patient | None:
    """A new record for an address nobody has booked with, or None if it has one already.
    get_or_create makes this safe when two first bookings with one address race."""
    patient, created = Patient.objects.get_or_create(
        email=details.email.strip().lower(),
        defaults={
            "first_name": details.first_name,
            "last_name": details.last_name,
            "phone": details.phone,
            "date_of_birth": details.date_of_birth,
        },
    )
    return patient if created else None


def _same(a, b) -> bool:
    # Case and spaces do not make a different person ("07700 900123" is "07700900123").
    if isinstance(a, str) and isinstance(b, str):
        return "".join(a.split()).casefold() == "".join(b.split()).casefold()
    return a == b


def differences(booking: Booking, patient: Patient) -> list[str]:
    """The details given for the booking that are not what the record holds."""
    fields = ["first_name", "last_name", "date_of_birth", "phone"]
    return [
        f.replace("_", " ")
        for f in fields
        if not _same(getattr(booking, f"given_{f}"), getattr(patient, f))
    ]


# What must match the record for the address's owner to add a booking to it online; a new
# phone number alone does not make another person (staff see that difference anyway).
SAME_PERSON = {"first name", "last name", "date of birth"}


def _use(token: AccessToken, now: datetime) -> bool:
    """Mark the token used; False if someone used it first (the UPDATE is conditional)."""
    return bool(AccessToken.objects.filter(pk=token.pk, used_at__isnull=True).update(used_at=now))


def confirm_link_is_usable(*, booking: Booking, secret: str) -> bool:
    token = AccessToken.objects.find(AccessToken.Purpose.CONFIRM, secret)
    return token is not None and token.booking_id == booking.pk


def confirm_by_link(*, booking: Booking, secret: str, now: datetime | None = None) -> bool:
    """The owner of the booking's address followed its link. Join the record if the name and
    date of birth match it (True); otherwise leave the booking for staff (False). Either
    way the link is used up. Raises BookingError for a link that is not valid."""
    now = now or timezone.now()
    with transaction.atomic():
        token = AccessToken.objects.find(AccessToken.Purpose.CONFIRM, secret, now)
        if token is None or token.booking_id != booking.pk or not _use(token, now):
            raise BookingError("This link has expired or has already been used.")
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        booking.address_confirmed_at = now
        patient = Patient.objects.filter(email=booking.given_email, erased_at__isnull=True).first()
        same = patient is None or not SAME_PERSON & set(differences(booking, patient))
        if booking.patient_id is None and same:
            booking.patient = patient or _record_from(booking)
        booking.save(update_fields=["address_confirmed_at", "patient", "updated_at"])
    return booking.patient_id is not None


def _record_from(booking: Booking) -> Patient:
    """A record from the booking's details, for an address that has none (get_or_create:
    two such confirmations at once make one record)."""
    return Patient.objects.get_or_create(
        email=booking.given_email,
        defaults={
            "first_name": booking.given_first_name,
            "last_name": booking.given_last_name,
            "phone": booking.given_phone,
            "date_of_birth": booking.given_date_of_birth,
        },
    )[0]


def link_by_staff(*, booking: Booking) -> list[str]:
    """Staff put a booking on the record of its address (a new record if there is none),
    after seeing the differences this returns. Raises BookingError if already linked."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.patient_id is not None:
            raise BookingError(f"{booking.reference} is already on a patient record.")
        patient = Patient.objects.filter(email=booking.given_email, erased_at__isnull=True).first()
        booking.patient = patient or _record_from(booking)
        booking.save(update_fields=["patient", "updated_at"])
    return differences(booking, booking.patient)
