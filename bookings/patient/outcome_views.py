"""What the manage page shows of the patient's scores: the form to tell us how they are
before a session (the reminder email links to it) and their progress. The form posts to
`manage.give_scores`, behind the same secret token as every other change."""

from django.http import HttpRequest
from django.utils import timezone

from bookings import services
from bookings.courses.forms import OutcomeForm
from bookings.courses.models import Outcome
from bookings.courses.selectors import build_progress, course_progress
from bookings.models import Booking


def scores_context(request: HttpRequest, booking: Booking) -> dict:
    """For the manage page: whether the patient can give scores now (and why not), the
    form, and their progress over this course (or this booking alone)."""
    outcome = Outcome.objects.filter(booking=booking).first()
    session = getattr(booking, "course_session", None)
    return {
        "scores_refusal": services.patient_refusal(booking, outcome, timezone.now()),
        "scores_form": OutcomeForm.for_booking(booking),
        "scores_token": request.GET.get("token", ""),
        "progress": course_progress(session.course)
        if session
        else build_progress([outcome] if outcome else []),
    }
