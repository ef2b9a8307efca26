"""The operations that change bookings. The website, the admin, the schedule and the
management commands all call these, so every rule holds whoever makes the change.

Each runs in one transaction that first locks the practitioner's row, then re-checks the
time against the rules with fresh data, then writes (DESIGN.md, "Booking rules"). On
SQLite, where row locks do nothing, IMMEDIATE transactions make writers queue instead.
On PostgreSQL an exclusion constraint backs this up; a clash it reports becomes the same
"just taken" error.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings import emails, screening
from bookings.availability import Problem, check_slot, merge
from bookings.models import Booking, Patient, Treatment
from bookings.selectors import load_calendars, slot_rules
from clinic.clock import local_date
from practitioners.models import Practitioner, TimeOff, new_feed_token


class BookingError(Exception):
    """A rule stopped the change. The message is written for the person who asked."""


class SlotUnavailable(BookingError):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.value)


class NotBookable(BookingError):
    pass


class TooLateToChange(BookingError):
    def __init__(self):
        super().__init__(
            "It is too close to the session to change it online. Please call the clinic."
        )


# Staff book people in at short notice and at any minute; with a recorded reason they may
# also book outside working hours. Nobody can book over time off, a closure or a booking.
STAFF_MAY_IGNORE = frozenset({Problem.TOO_SOON, Problem.TOO_FAR, Problem.OFF_GRID})


@dataclass(frozen=True)
class PatientDetails:
    first_name: str
    last_name: str
    email: str
    phone: str
    date_of_birth: date


def _lock(practitioner: Practitioner) -> Practitioner:
    return Practitioner.objects.select_for_update().get(pk=practitioner.pk)


def _ensure_free(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    start: datetime,
    now: datetime,
    by_staff: bool,
    override_hours: bool,
    exclude_booking: Booking | None = None,
) -> None:
    day = local_date(start)
    calendar = load_calendars(
        [practitioner.pk], day, day + timedelta(days=1), exclude_booking=exclude_booking
    )[practitioner.pk]
    ignore = set(STAFF_MAY_IGNORE) if by_staff else set()
    if by_staff and override_hours:
        ignore.add(Problem.OUTSIDE_HOURS)
    problem = check_slot(
        start,
        working=merge(calendar.working),
        unavailable=calendar.unavailable,
        bookings=calendar.bookings,
        rules=slot_rules(treatment, now),
        ignore=frozenset(ignore),
    )
    if problem is not None:
        raise SlotUnavailable(problem)


def _save_or_taken(booking: Booking) -> None:
    """Save inside a savepoint; the database's own no-overlap constraint is the last word."""
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if "booking_no_overlap" in str(error):
            raise SlotUnavailable(Problem.TAKEN) from error
        raise


def _patient_for(details: PatientDetails) -> Patient:
    """The patient with this email, or a new one. An online form cannot rewrite an existing
    patient's record: whoever types an address does not prove they own it."""
    patient, _ = Patient.objects.get_or_create(
        email=details.email.strip().lower(),
        defaults={
            "first_name": details.first_name,
            "last_name": details.last_name,
            "phone": details.phone,
            "date_of_birth": details.date_of_birth,
        },
    )
    return patient


def book(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    start: datetime,
    patient: PatientDetails | Patient,
    screening_answers: dict[str, bool],
    consented: bool,
    patient_note: str = "",
    created_by: AbstractBaseUser | None = None,
    override_hours: bool = False,
    override_reason: str = "",
    idempotency_key: str | None = None,
    notify: bool = True,
    now: datetime | None = None,
) -> Booking:
    """Book a session. Online when `created_by` is None, by staff otherwise.

    Raises SlotUnavailable, NotBookable or BookingError; on success the confirmation email
    is sent after commit. The same `idempotency_key` twice returns the first booking.
    """
    now = now or timezone.now()
    by_staff = created_by is not None
    if screening.has_warning_sign(screening_answers):
        raise NotBookable(screening.URGENT_CARE_ADVICE)
    if not by_staff and not consented:
        raise NotBookable("Please confirm you have read the risks and agree to treatment.")
    if override_hours and not (by_staff and override_reason.strip()):
        raise NotBookable("Booking outside working hours needs a member of staff and a reason.")
    if not by_staff and not (treatment.is_active and practitioner.is_listed):
        raise NotBookable("That treatment or practitioner cannot be booked online.")

    with transaction.atomic():
        practitioner = _lock(practitioner)
        if idempotency_key:
            existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        if not practitioner.treatments.filter(pk=treatment.pk).exists():
            raise NotBookable(f"{practitioner.name} does not offer {treatment.name}.")
        _ensure_free(
            practitioner=practitioner,
            treatment=treatment,
            start=start,
            now=now,
            by_staff=by_staff,
            override_hours=override_hours,
        )
        if not isinstance(patient, Patient):
            patient = _patient_for(patient)
        end = start + treatment.duration
        booking = Booking(
            patient=patient,
            practitioner=practitioner,
            treatment=treatment,
            start=start,
            end=end,
            blocked_until=end + treatment.buffer,
            screening_version=screening.VERSION,
            screening_answers={
                q.key: bool(screening_answers.get(q.key)) for q in screening.CAUTIONS
            },
            needs_attention=bool(screening.caution_flags(screening_answers)),
            consented_at=now if consented else None,
            patient_note=patient_note.strip(),
            source=Booking.Source.STAFF if by_staff else Booking.Source.ONLINE,
            created_by=created_by,
            outside_hours_override=override_hours,
            override_reason=override_reason.strip() if override_hours else "",
            idempotency_key=idempotency_key or None,
        )
        _save_or_taken(booking)
        if notify:
            emails.booking_confirmed(booking)
    return booking


def _fresh(booking: Booking) -> Booking:
    return Booking.objects.select_related("patient", "practitioner", "treatment").get(pk=booking.pk)


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
        _lock(booking.practitioner)
        booking = _fresh(booking)
        if booking.status != Booking.Status.CONFIRMED:
            raise BookingError(
                f"This booking is {booking.get_status_display().lower()} and cannot be cancelled."
            )
        if not by_staff and not booking.can_change_online(now):
            raise TooLateToChange()
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
        _lock(booking.practitioner)
        booking = _fresh(booking)
        if booking.status != Booking.Status.CONFIRMED:
            raise BookingError("Only a confirmed booking can be moved.")
        if not by_staff and not booking.can_change_online(now):
            raise TooLateToChange()
        if new_start == booking.start:
            raise BookingError("That is the booking's current time; choose a different one.")
        _ensure_free(
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
        _save_or_taken(booking)
        emails.booking_moved(booking, old_start=old_start)
    return booking


def mark_attendance(*, booking: Booking, status: str, now: datetime | None = None) -> Booking:
    """Record that the patient came or did not. Only once the session has started."""
    now = now or timezone.now()
    if status not in {Booking.Status.ATTENDED, Booking.Status.NO_SHOW}:
        raise BookingError("Attendance is either attended or no-show.")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            raise BookingError("A cancelled booking cannot be marked.")
        if booking.start > now:
            raise BookingError("Attendance can be marked once the session has started.")
        booking.status = status
        booking.save(update_fields=["status", "updated_at"])
    return booking


def send_due_reminders(*, now: datetime | None = None, hours_before: int) -> int:
    """Queue each upcoming booking's reminder exactly once.

    The conditional UPDATE claims a booking atomically, so two runs at the same moment
    never both remind the same patient.
    """
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + timedelta(hours=hours_before),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                emails.booking_reminder(_fresh(Booking(pk=pk)))
                sent += 1
    return sent


class TimeOffOverlapsBookings(BookingError):
    """Time off over existing bookings needs a second, explicit confirmation."""

    def __init__(self, bookings: list[Booking]):
        self.bookings = bookings
        super().__init__(
            f"This time off overlaps {len(bookings)} booking(s). They will stay booked for "
            "reception to move; confirm to add the time off anyway."
        )


def add_time_off(
    *,
    practitioner: Practitioner,
    start: datetime,
    end: datetime,
    reason: str,
    note: str = "",
    overlaps_confirmed: bool = False,
) -> TimeOff:
    """Block out time. From then on no slot in it is offered. Bookings already in it stay
    (reception moves them), but only once the person has seen them listed."""
    if end <= start:
        raise BookingError("The end must be after the start.")
    with transaction.atomic():
        practitioner = _lock(practitioner)
        clashes = list(
            Booking.objects.active()
            .filter(practitioner=practitioner)
            .overlapping(start, end)
            .select_related("patient", "treatment")
        )
        if clashes and not overlaps_confirmed:
            raise TimeOffOverlapsBookings(clashes)
        return TimeOff.objects.create(
            practitioner=practitioner, start=start, end=end, reason=reason, note=note
        )


def remove_time_off(*, time_off: TimeOff) -> None:
    with transaction.atomic():
        _lock(time_off.practitioner)
        time_off.delete()


def replace_feed_token(*, practitioner: Practitioner) -> Practitioner:
    """A new private calendar address; the old one stops working at once."""
    practitioner.feed_token = new_feed_token()
    practitioner.save(update_fields=["feed_token"])
    return practitioner
