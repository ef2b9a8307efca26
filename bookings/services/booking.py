"""Booking, moving and cancelling: each in one transaction that locks the
practitioner, re-checks the time and writes (see slot_guard)."""

from collections.abc import Mapping
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from bookings import emails, screening, triage
from bookings.models import Booking, Hold, Patient, Treatment
from bookings.services.errors import BookingError, NotBookable, TooLateToChange
from bookings.services.records import PatientDetails, given_fields, new_record_or_none
from bookings.services.screening_check import refuse_unless_screened, stored_answers
from bookings.services.slot_guard import ensure_free, fresh, lock, save_or_taken
from clinic.clock import local_date
from practitioners.models import Practitioner

SAME_TIME = "That is the booking's current time; choose a different one."


def _refuse_unless_allowed(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    screening_result: triage.Assessment,
    consented: bool,
    by_staff: bool,
    override_hours: bool,
    override_reason: str,
) -> None:
    """The checks that need no lock: who is asking, and what they answered."""
    refuse_unless_screened(screening_result, by_staff=by_staff)
    if not by_staff and not consented:
        raise NotBookable("Please confirm you have read the risks and agree to treatment.")
    if override_hours and not (by_staff and override_reason.strip()):
        raise NotBookable("Booking outside working hours needs a member of staff and a reason.")
    if not by_staff and not (treatment.is_active and practitioner.is_listed):
        raise NotBookable("That treatment or practitioner cannot be booked online.")


def _refuse_unless_returning(treatment: Treatment, patient: PatientDetails | Patient) -> None:
    """A treatment for returning patients needs an attended session on the record of the
    address given. The refusal says only that; it shows nothing the record holds."""
    if treatment.patient_kind != Treatment.PatientKind.RETURNING:
        return
    email = patient.email.strip().lower()
    if not Booking.objects.filter(patient__email=email, status=Booking.Status.ATTENDED).exists():
        raise NotBookable(
            f"{treatment.name} is only for patients who have had a session with us before, "
            "and we have no earlier session under this email address. If you have been "
            "before, please use the email address you booked with then, or call us. If "
            "this is your first visit, please book an initial consultation."
        )


def check_time(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    start: datetime,
    by_staff: bool,
    override_hours: bool = False,
    exclude_booking: Booking | None = None,
    exclude_holder: str | None = None,
    now: datetime | None = None,
) -> None:
    """Raise a BookingError unless this practitioner offers the treatment and it can start
    then. `book` and `reschedule` call it under the lock; a form may call it first to show a
    clash next to its field (the real change checks again). Holds count as bookings, but
    not `exclude_holder`'s own."""
    if not practitioner.treatments.filter(pk=treatment.pk).exists():
        raise NotBookable(f"{practitioner.name} does not offer {treatment.name}.")
    ensure_free(
        practitioner=practitioner,
        treatment=treatment,
        start=start,
        now=now or timezone.now(),
        by_staff=by_staff,
        override_hours=override_hours,
        exclude_booking=exclude_booking,
        exclude_holder=exclude_holder,
    )


def _new_booking(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    start: datetime,
    patient: Patient | None,
    given: dict,
    screening_answers: dict[str, str],
    screening_result: triage.Assessment,
    consented_at: datetime | None,
    patient_note: str,
    created_by: AbstractBaseUser | None,
    override_reason: str,
    idempotency_key: str | None,
) -> Booking:
    """An unsaved booking with what follows from its inputs: end, blocked range, the
    screening record, where it came from. An override reason means outside hours."""
    end = start + treatment.duration
    return Booking(
        patient=patient,
        **given,
        practitioner=practitioner,
        treatment=treatment,
        start=start,
        end=end,
        blocked_until=end + treatment.buffer,
        screening_version=screening.VERSION,
        screening_answers=screening_answers,
        needs_attention=bool(screening_result.flags),
        consented_at=consented_at,
        patient_note=patient_note,
        source=Booking.Source.STAFF if created_by else Booking.Source.ONLINE,
        created_by=created_by,
        outside_hours_override=bool(override_reason),
        override_reason=override_reason,
        idempotency_key=idempotency_key,
    )


def book(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    start: datetime,
    patient: PatientDetails | Patient,
    screening_answers: Mapping[str, object],
    consented: bool,
    patient_note: str = "",
    created_by: AbstractBaseUser | None = None,
    override_hours: bool = False,
    override_reason: str = "",
    idempotency_key: str | None = None,
    notify: bool = True,
    holder: str | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book a session. Online when `created_by` is None, by staff otherwise.

    `patient` is a record (staff choose one) or the details typed online, which make a new
    record only for an address without one (services.records). `screening_answers` maps
    question keys to "yes", "no" or "not_sure"; a missing key was not asked (staff only).
    Raises SlotUnavailable, NotBookable or BookingError; on success the confirmation email
    is queued in the same transaction. The same `idempotency_key` twice returns the first
    booking. `holder`'s own hold does not stand in its way, and becomes the booking.
    """
    now = now or timezone.now()
    by_staff = created_by is not None
    age = triage.age_on(patient.date_of_birth, local_date(start))
    screening_answers = stored_answers(screening_answers, age=age)
    screening_result = triage.assess(screening_answers, age=age)
    _refuse_unless_allowed(
        practitioner=practitioner,
        treatment=treatment,
        screening_result=screening_result,
        consented=consented,
        by_staff=by_staff,
        override_hours=override_hours,
        override_reason=override_reason,
    )
    if not by_staff:
        _refuse_unless_returning(treatment, patient)
    with transaction.atomic():
        practitioner = lock(practitioner)
        if idempotency_key:
            existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        check_time(
            practitioner=practitioner,
            treatment=treatment,
            start=start,
            by_staff=by_staff,
            override_hours=override_hours,
            exclude_holder=holder,
            now=now,
        )
        booking = _new_booking(
            practitioner=practitioner,
            treatment=treatment,
            start=start,
            patient=patient if isinstance(patient, Patient) else new_record_or_none(patient),
            given=given_fields(patient),
            screening_answers=screening_answers,
            screening_result=screening_result,
            consented_at=now if consented else None,
            patient_note=patient_note.strip(),
            created_by=created_by,
            override_reason=override_reason.strip() if override_hours else "",
            idempotency_key=idempotency_key or None,
        )
        if created_by is not None:
            # History names the staff member even outside a request (seed_demo, scripts).
            booking._history_user = created_by
        save_or_taken(booking)
        if holder:
            Hold.objects.filter(holder=holder).delete()
        if notify:
            emails.booking_confirmed(booking)
    return booking


def _lock_for_change(booking: Booking, *, action: str, by_staff: bool, now: datetime) -> Booking:
    """The common start of a cancel or a move: lock the diary, re-read the booking, and
    refuse unless it is confirmed and (for a patient) far enough ahead.
    Must be called inside the caller's transaction."""
    lock(booking.practitioner)
    booking = fresh(booking)
    _refuse_change(booking, action=action, by_staff=by_staff, now=now)
    return booking


def _refuse_change(booking: Booking, *, action: str, by_staff: bool, now: datetime) -> None:
    if booking.status != Booking.Status.CONFIRMED:
        raise BookingError(
            f"This booking is {booking.get_status_display().lower()} and cannot be {action}."
        )
    if not by_staff and not booking.can_change_online(now):
        raise TooLateToChange()


def check_move(
    *, booking: Booking, new_start: datetime, by_staff: bool = False, now: datetime | None = None
) -> None:
    """Raise the BookingError `reschedule` would raise now, without changing anything: for
    a page that asks the patient to confirm (the move itself checks again under the lock)."""
    now = now or timezone.now()
    _refuse_change(booking, action="moved", by_staff=by_staff, now=now)
    if new_start == booking.start:
        raise BookingError(SAME_TIME)
    check_time(
        practitioner=booking.practitioner,
        treatment=booking.treatment,
        start=new_start,
        by_staff=by_staff,
        exclude_booking=booking,
        now=now,
    )


def cancel(
    *,
    booking: Booking,
    reason: str = "",
    by_staff: bool = False,
    notify: bool = True,
    now: datetime | None = None,
) -> Booking:
    """Cancel and free the time. Patients may do so until CANCELLATION_NOTICE_HOURS before."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_for_change(booking, action="cancelled", by_staff=by_staff, now=now)
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.cancellation_reason = reason.strip()[:300]
        booking.sequence += 1
        booking.save()
        if notify:
            emails.booking_cancelled(booking)
    return booking


def reschedule(
    *,
    booking: Booking,
    new_start: datetime,
    by_staff: bool = False,
    override_hours: bool = False,
    now: datetime | None = None,
) -> Booking:
    """Move a booking to another free time with the same practitioner; the old time is
    freed in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_for_change(booking, action="moved", by_staff=by_staff, now=now)
        if new_start == booking.start:
            raise BookingError(SAME_TIME)
        ensure_free(
            practitioner=booking.practitioner,
            treatment=booking.treatment,
            start=new_start,
            now=now,
            by_staff=by_staff,
            override_hours=override_hours,
            exclude_booking=booking,
        )
        old_start = booking.start
        booking.start = new_start
        booking.end = new_start + booking.treatment.duration
        booking.blocked_until = booking.end + booking.treatment.buffer
        booking.reminder_sent_at = None
        booking.sequence += 1
        save_or_taken(booking)
        emails.booking_moved(booking, old_start=old_start)
    return booking
