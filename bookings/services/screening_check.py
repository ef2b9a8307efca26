"""What screening answers allow: the check every booking passes, the answers it keeps, and
the record of a stop (the rules themselves are in bookings.screening and bookings.triage)."""

from collections.abc import Mapping

from django.conf import settings

from bookings import screening, triage
from bookings.models import ScreeningStop
from bookings.services.errors import NotBookable


def refuse_unless_screened(result: triage.Assessment, *, by_staff: bool) -> None:
    """Online, every question is answered and only a caution may be yes; staff may leave
    questions unasked (the booking is flagged) and may book a "call us" patient, never an
    urgent one. The message is the advice for the most urgent answer."""
    if not by_staff and triage.too_young_online(result.age):
        raise NotBookable(screening.UNDER_AGE_ONLINE.format(phone=settings.CLINIC_PHONE))
    if not by_staff and result.not_asked:
        raise NotBookable("Please answer every health question.")
    if result.stops_staff or (result.stops_online and not by_staff):
        advice = screening.ADVICE[result.level]
        text = advice.text.format(phone=settings.CLINIC_PHONE)
        raise NotBookable(f"Not booked: {advice.heading}. {text}")


def stored_answers(answers: Mapping[str, object], *, age: int) -> dict[str, str]:
    """The answers of the questions this patient is asked, as strings; nothing else."""
    keys = {q.key for q in triage.questions_for(age)} | {screening.DOCTOR_CHECKED.key}
    return {k: str(v) for k, v in triage.normalise(answers).items() if k in keys}


def record_screening_stop(*, level: screening.Level) -> ScreeningStop:
    """Note that screening answers stopped a booking and how urgent the advice was;
    deliberately nothing about who, or what they answered."""
    return ScreeningStop.objects.create(
        screening_version=screening.VERSION, outcome=ScreeningStop.Outcome(level.name.lower())
    )
