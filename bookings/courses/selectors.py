"""What courses, scores and progress read, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings

from bookings.availability import check_slot, merge, waivable
from bookings.courses import planning, progress
from bookings.courses.models import Course, CourseSession, Outcome
from bookings.diaries import load_diaries
from bookings.models import Booking, Treatment
from bookings.selectors import slot_rules
from clinic.clock import clinic_tz, local_date
from practitioners.models import Practitioner


def propose_course(
    *,
    practitioner: Practitioner,
    treatment: Treatment,
    first_day: date,
    weekday: int,
    at: time,
    count: int,
    rhythm: str,
    now: datetime,
) -> list[planning.Proposed]:
    """A start for every session under the booking rules (four queries, whatever the
    length of the course)."""
    days = planning.session_days(first_day, weekday=weekday, count=count, rhythm=rhythm)
    first = days[0] - timedelta(days=days[0].weekday())
    last = days[-1] + timedelta(days=6 - days[-1].weekday())
    diary = load_diaries([practitioner.pk], first, last)[practitioner.pk]
    return planning.propose(
        days,
        at=at,
        tz=clinic_tz(),
        working=merge(diary.working),
        unavailable=diary.unavailable,
        bookings=diary.bookings,
        rules=slot_rules(treatment, now),
    )


def session_problems(
    *, practitioner: Practitioner, treatment: Treatment, starts: list[datetime], now: datetime
) -> list[str | None]:
    """For each start chosen by staff, why it cannot be booked (or None): the rules staff
    may not waive, and any overlap with another session of the same course. The booking
    itself checks again under the lock."""
    length = treatment.duration + treatment.buffer
    days = [local_date(s) for s in starts]
    diary = load_diaries([practitioner.pk], min(days), max(days) + timedelta(days=1))[
        practitioner.pk
    ]
    working, rules = merge(diary.working), slot_rules(treatment, now)
    ignore = waivable(by_staff=True, outside_hours=False)
    overlapping = planning.clashes_within(starts, length=length)
    problems = []
    for i, start in enumerate(starts):
        problem = check_slot(
            start,
            working=working,
            unavailable=diary.unavailable,
            bookings=diary.bookings,
            rules=rules,
            ignore=ignore,
        )
        if problem is not None:
            problems.append(problem.value)
        elif i in overlapping:
            problems.append("This overlaps another session of the course.")
        else:
            problems.append(None)
    return problems


def _review_inputs(course_ids) -> dict[int, tuple[int, list[int]]]:
    """Per course: attended sessions, and the pain-now scores in session order."""
    done: dict[int, int] = defaultdict(int)
    pain: dict[int, list[int]] = defaultdict(list)
    rows = (
        CourseSession.objects.filter(course_id__in=course_ids)
        .exclude(booking__status=Booking.Status.CANCELLED)
        .order_by("booking__start")
        .values_list("course_id", "booking__status", "booking__outcome__pain_now")
    )
    for course_id, status, pain_now in rows:
        done[course_id] += status == Booking.Status.ATTENDED
        if pain_now is not None:
            pain[course_id].append(pain_now)
    return {pk: (done[pk], pain[pk]) for pk in course_ids}


def course_reviews(course_ids) -> dict[int, progress.Review]:
    after = settings.COURSE_REVIEW_AFTER_SESSIONS
    return {
        pk: progress.review(sessions_done=n, pain_scores=scores, after=after)
        for pk, (n, scores) in _review_inputs(list(course_ids)).items()
    }


def attach_course_info(bookings: list[Booking]) -> list[Booking]:
    """Give each booking `course_label` ("Course session 2 of 6"), `course_review` (a
    progress.Review; None outside a course) and `course_flag` (the review flag's words when
    the course needs a review, else ""). Two queries in all."""
    sessions = {
        s.booking_id: s
        for s in CourseSession.objects.filter(booking__in=[b.pk for b in bookings]).select_related(
            "course"
        )
    }
    reviews = course_reviews({s.course_id for s in sessions.values()})
    for b in bookings:
        session = sessions.get(b.pk)
        b.course_label = (
            f"Course session {session.number} of {session.course.sessions_planned}"
            if session
            else None
        )
        b.course_review = reviews[session.course_id] if session else None
        b.course_flag = (
            progress.Review.NO_CHANGE.value if b.course_review is progress.Review.NO_CHANGE else ""
        )
    return bookings


@dataclass
class Progress:
    """Scores over time, for the chart, its table and what it says."""

    rows: list[dict] = field(default_factory=list)
    activity_names: list[str] = field(default_factory=list)
    pain_chart: progress.Chart | None = None
    activity_chart: progress.Chart | None = None
    change: progress.PainChange | None = None
    since: date | None = None


def _activity_scores(outcome: Outcome) -> list[tuple[str, int | None]]:
    session = getattr(outcome.booking, "course_session", None)
    if session is None:
        return []
    return [(name, getattr(outcome, f)) for f, name in session.course.activities]


def build_progress(outcomes: list[Outcome]) -> Progress:
    rows, names = [], []
    for outcome in outcomes:
        activities = dict(_activity_scores(outcome))
        names += [n for n in activities if n not in names]
        rows.append({"booking": outcome.booking, "outcome": outcome, "activities": activities})
    for row in rows:
        row["activity_list"] = [row["activities"].get(n) for n in names]
    labels = [f"{local_date(r['booking'].start):%-d %b}" for r in rows]
    result = Progress(rows=rows, activity_names=names)
    if not rows:
        return result
    result.pain_chart = progress.build_chart(
        labels,
        [
            ("pain-now", "Pain now", [r["outcome"].pain_now for r in rows]),
            ("pain-worst", "Worst pain in the last week", [r["outcome"].pain_worst for r in rows]),
        ],
    )
    activity_series = [
        (f"activity-{i % 3 + 1}", name, [r["activities"].get(name) for r in rows])
        for i, name in enumerate(names)
    ]
    if any(v is not None for _, _, values in activity_series for v in values):
        result.activity_chart = progress.build_chart(labels, activity_series)
    scored = [r for r in rows if r["outcome"].pain_now is not None]
    result.change = progress.pain_change([r["outcome"].pain_now for r in scored])
    result.since = local_date(scored[0]["booking"].start) if scored else None
    return result


def _outcomes():
    return (
        Outcome.objects.exclude(booking__status=Booking.Status.CANCELLED)
        .select_related("booking", "booking__course_session__course")
        .order_by("booking__start")
    )


def patient_progress(patient_id: int) -> Progress:
    """Every score the patient has given or had recorded, in time order (one query)."""
    return build_progress(list(_outcomes().filter(booking__patient_id=patient_id)))


def patient_progress_by_email(email: str) -> Progress:
    return build_progress(list(_outcomes().filter(booking__patient__email=email)))


def course_progress(course: Course) -> Progress:
    return build_progress(list(_outcomes().filter(booking__course_session__course=course)))


def course_bookings(course: Course) -> list[Booking]:
    """The course's sessions as bookings, in order, each with `course_number`."""
    bookings = []
    for s in course.sessions.select_related("booking__outcome", "booking__practitioner").order_by(
        "number"
    ):
        s.booking.course_number = s.number
        outcome = getattr(s.booking, "outcome", None)
        s.booking.pain_now = outcome.pain_now if outcome else None
        bookings.append(s.booking)
    return bookings
