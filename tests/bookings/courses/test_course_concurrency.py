"""Races are proven, not assumed: a course confirmed while patients book single sessions at
the same times, in parallel threads with their own database connections. Every round ends
with the whole course or none of it, and never two bookings over each other."""

import threading
from datetime import datetime, time, timedelta
from itertools import combinations

import pytest
from django.db import connections
from django.db.models import Count

from bookings import services
from bookings.courses.models import Course
from bookings.models import Booking
from clinic.clock import clinic_tz, local_today
from tests.bookings.conftest import screening_answers
from tests.factories import (
    PatientFactory,
    PractitionerFactory,
    TreatmentFactory,
    UserFactory,
    WorkingHoursFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 5
SINGLES = 8  # patients, each after one of the course's times


def in_parallel(jobs):
    """Run every job at once (a barrier releases them together); return what each
    returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i):
        barrier.wait()
        try:
            results[i] = jobs[i]()
        except Exception as error:  # the test inspects every outcome
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def no_overlaps(practitioner):
    active = list(Booking.objects.active().filter(practitioner=practitioner))
    return [
        (a.reference, b.reference)
        for a, b in combinations(active, 2)
        if a.start < b.blocked_until and b.start < a.blocked_until
    ]


def test_a_course_racing_single_bookings_is_booked_whole_or_not_at_all():
    treatment = TreatmentFactory(duration_minutes=45, buffer_minutes=15)
    practitioner = PractitionerFactory()
    for weekday in range(7):
        WorkingHoursFactory(practitioner=practitioner, weekday=weekday, start=time(8), end=time(18))
    treatment.practitioners.add(practitioner)
    staff = UserFactory(username="reception", is_staff=True)
    course_patient = PatientFactory()
    singles = [PatientFactory() for _ in range(SINGLES)]
    monday = local_today() + timedelta(days=7 - local_today().weekday())
    outcomes = []
    for r in range(ROUNDS):
        starts = [
            datetime.combine(monday + timedelta(weeks=w), time(9 + r), tzinfo=clinic_tz())
            for w in range(6)
        ]

        def course_job(starts=starts):
            return services.book_course(
                patient=course_patient,
                practitioner=practitioner,
                treatment=treatment,
                starts=starts,
                rhythm="weekly",
                weekday=0,
                preferred_time=starts[0].time(),
                created_by=staff,
            )

        def single_job(i, starts=starts):
            return services.book(
                practitioner=practitioner,
                treatment=treatment,
                start=starts[i % 6],
                patient=singles[i],
                screening_answers=screening_answers(),
                consented=True,
            )

        # The course starts first, last or between the singles, round by round.
        position = (r * 4) % (SINGLES + 1)
        jobs = [lambda i=i: single_job(i) for i in range(SINGLES)]
        jobs.insert(position, course_job)
        results = in_parallel(jobs)

        course_result = results.pop(position)
        for result in results:
            assert isinstance(result, (Booking, services.SlotUnavailable)), result
        won = [b for b in results if isinstance(b, Booking)]
        at_course_times = Booking.objects.active().filter(start__in=starts)
        if isinstance(course_result, Course):
            assert course_result.sessions.count() == 6
            assert won == []  # every single at a course time lost
            assert at_course_times.count() == 6
            outcomes.append("course")
        else:
            assert isinstance(course_result, services.CourseSessionUnavailable), course_result
            assert won, "the course can only lose to a single booking"
            assert Course.objects.filter(sessions__booking__start__in=starts).count() == 0
            assert set(at_course_times) == set(won)
            outcomes.append("singles")
        assert no_overlaps(practitioner) == []
        # No course, whatever happened, holds fewer sessions than it was booked with.
        assert list(Course.objects.annotate(n=Count("sessions")).exclude(n=6)) == []
    assert Course.objects.count() == outcomes.count("course")
    assert Booking.objects.filter(course_session__isnull=False).count() == 6 * outcomes.count(
        "course"
    )
