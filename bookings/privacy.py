"""What the clinic holds about one email address, as the patient downloads it from
"my bookings" (the privacy notice's right of access)."""

from django.db.models import Q
from django.utils import timezone

from bookings.models import Booking, OutgoingEmail, Patient
from bookings.outbox import FORGOTTEN, LINK_SECRET

NOT_ON_RECORD = (
    "Made with your email address but not on your patient record, so the details and "
    "answers given with it are not included: they may be someone else's. If it is yours, "
    "use the link in its confirmation email, or ask reception."
)


def of_address(email: str, patient: Patient | None) -> Q:
    """The bookings of an address: on its record, or made with it and on no record."""
    mine = Q(patient__isnull=True, given_email=email)
    return mine | Q(patient=patient) if patient is not None else mine


def _answers(booking: Booking) -> list[dict]:
    """Every screening question of the booking's version with the answer as given ("yes",
    "no", "not sure") or "not asked": the screening module's own reading of the answers."""
    return [
        {"question": r.question.text, "answer": r.label.lower()} for r in booking.screening_rows
    ]


def _scores(booking: Booking) -> dict | None:
    """The 0-10 scores given for this session (a course's outcome measure), if any."""
    outcome = getattr(booking, "outcome", None)
    if outcome is None:
        return None
    fields = ["pain_now", "pain_worst", "activity_1", "activity_2", "activity_3"]
    return {f: getattr(outcome, f) for f in fields if getattr(outcome, f) is not None}


def _booking(booking: Booking) -> dict:
    row = {
        "reference": booking.reference,
        "start": booking.start.isoformat(),
        "end": booking.end.isoformat(),
        "status": booking.get_status_display(),
        "treatment": booking.treatment.name,
        "practitioner": booking.practitioner.name,
        "on_your_patient_record": booking.patient_id is not None,
    }
    if booking.patient_id is None:
        return {**row, "note": NOT_ON_RECORD}
    return {
        **row,
        "made": "online" if booking.source == Booking.Source.ONLINE else "by the clinic",
        "details_given": {
            "first_name": booking.given_first_name,
            "last_name": booking.given_last_name,
            "email": booking.given_email,
            "phone": booking.given_phone,
            "date_of_birth": str(booking.given_date_of_birth or ""),
        },
        "health_screening": {
            "version": booking.screening_version,
            "consented_at": booking.consented_at.isoformat() if booking.consented_at else None,
            "answers": _answers(booking),
        },
        "your_note": booking.patient_note,
        "scores": _scores(booking),
        "cancelled_at": booking.cancelled_at.isoformat() if booking.cancelled_at else None,
        "cancellation_reason": booking.cancellation_reason,
    }


def _record(patient: Patient | None) -> dict | None:
    if patient is None:
        return None
    return {
        "first_name": patient.first_name,
        "last_name": patient.last_name,
        "email": patient.email,
        "phone": patient.phone,
        "date_of_birth": str(patient.date_of_birth or ""),
        "created_at": patient.created_at.isoformat(),
    }


def personal_data(email: str) -> dict:
    """The patient record of this address, its bookings with their screening answers, and
    every message sent to the address (link secrets taken out)."""
    patient = Patient.objects.filter(email=email, erased_at__isnull=True).first()
    bookings = Booking.objects.filter(of_address(email, patient)).select_related(
        "practitioner", "treatment"
    )
    messages = OutgoingEmail.objects.filter(to=email).order_by("created_at")
    return {
        "exported_at": timezone.now().isoformat(),
        "email_address": email,
        "patient_record": _record(patient),
        "bookings": [_booking(b) for b in bookings.order_by("start")],
        "messages_sent": [
            {
                "queued_at": m.created_at.isoformat(),
                "sent_at": m.sent_at.isoformat() if m.sent_at else None,
                "subject": m.subject,
                "text": LINK_SECRET.sub(FORGOTTEN, m.body_text),
            }
            for m in messages
        ],
    }
