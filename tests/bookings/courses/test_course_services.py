"""Booking and cancelling a course through the services: all or none, one email."""

from datetime import timedelta

import pytest
import time_machine
from icalendar import Calendar

from bookings import services
from bookings.availability import Problem
from bookings.courses.models import Course, CourseSession
from bookings.ics import event_uid
from bookings.models import Booking, OutgoingEmail
from tests.bookings.conftest import MONDAY_9
from tests.bookings.courses.conftest import SIX_MONDAYS, WEEK, book_six, sessions
from tests.factories import BookingFactory, ClinicClosureFactory, TimeOffFactory

pytestmark = pytest.mark.django_db


def test_a_course_books_every_session_numbered_in_order(course, patient, reception_user):
    booked = sessions(course)
    assert [b.start for b in booked] == SIX_MONDAYS
    assert {b.patient for b in booked} == {patient}
    assert {(b.status, b.source) for b in booked} == {("confirmed", "staff")}
    assert {b.created_by for b in booked} == {reception_user}
    assert list(course.sessions.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert course.sessions_planned == 6 and course.status == Course.Status.ACTIVE


def test_the_patient_gets_one_email_with_every_date_and_one_calendar_file(course, patient):
    booked = sessions(course)
    # Mail is kept in the outbox and delivered by the worker: the stored message is the one sent.
    [message] = OutgoingEmail.objects.filter(to=patient.email)
    assert message.subject == "Your course of 6 sessions is booked"
    for b in booked:
        assert f"{b.start:%A} {b.start.day} {b.start:%B %Y}, 10:00" in message.body_text
        # Each session has its own manage link with a secret made for this message.
        assert f"/booking/{b.reference}/?token=" in message.body_text
        assert f"/booking/{b.reference}/?token=" in message.body_html
    [attachment] = message.attachments
    filename, content, mimetype = (
        attachment["filename"],
        attachment["content"],
        attachment["mimetype"],
    )
    assert filename == f"course-{booked[0].reference}.ics"
    assert mimetype == "text/calendar; charset=utf-8; method=PUBLISH"
    events = Calendar.from_ical(content).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [event_uid(b) for b in booked]
    assert [e.decoded("dtstart") for e in events] == SIX_MONDAYS
    # The practitioner hears once, not six times.
    assert OutgoingEmail.objects.filter(kind="course_practitioner_notice").count() == 1
    assert OutgoingEmail.objects.filter(kind="confirmed").count() == 0


def test_one_taken_session_books_none_and_names_it(
    clock, patient, practitioner, treatment, reception_user
):
    BookingFactory(practitioner=practitioner, treatment=treatment, start=SIX_MONDAYS[3])
    with pytest.raises(services.CourseSessionUnavailable) as refused:
        book_six(patient=patient, practitioner=practitioner, treatment=treatment, by=reception_user)
    assert refused.value.number == 4 and refused.value.problem is Problem.TAKEN
    assert str(refused.value) == (
        "Session 4: That time was just taken. Nothing has been booked: choose another time "
        "for that session and confirm again."
    )
    assert Booking.objects.count() == 1
    assert Course.objects.count() == 0 and CourseSession.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize("blocker", ["closure", "time_off", "itself"])
def test_closures_time_off_and_overlaps_within_the_course_book_none(
    blocker, clock, patient, practitioner, treatment, reception_user
):
    starts = list(SIX_MONDAYS)
    if blocker == "closure":
        ClinicClosureFactory(start_date=SIX_MONDAYS[5].date())
    elif blocker == "time_off":
        TimeOffFactory(
            practitioner=practitioner, start=starts[2], end=starts[2] + timedelta(hours=1)
        )
    else:
        starts[5] = starts[4] + timedelta(minutes=30)
    with pytest.raises(services.CourseSessionUnavailable):
        book_six(
            patient=patient,
            practitioner=practitioner,
            treatment=treatment,
            by=reception_user,
            starts=starts,
        )
    assert Booking.objects.count() == 0 and Course.objects.count() == 0


def test_a_bad_plan_is_refused_before_anything_is_locked(
    clock, patient, practitioner, treatment, reception_user
):
    with pytest.raises(services.NotBookable, match="between 1 and 12"):
        book_six(
            patient=patient,
            practitioner=practitioner,
            treatment=treatment,
            by=reception_user,
            starts=[MONDAY_9 + WEEK * i for i in range(13)],
        )
    with pytest.raises(services.NotBookable, match="same time"):
        book_six(
            patient=patient,
            practitioner=practitioner,
            treatment=treatment,
            by=reception_user,
            starts=[MONDAY_9, MONDAY_9],
        )
    assert Booking.objects.count() == 0


def test_cancelling_one_session_leaves_the_rest(course, patient):
    booked = sessions(course)
    services.cancel(booking=booked[2], reason="Away", by_staff=True)
    statuses = [b.status for b in sessions(course)]
    assert statuses == [
        "confirmed",
        "confirmed",
        "cancelled",
        "confirmed",
        "confirmed",
        "confirmed",
    ]
    course.refresh_from_db()
    assert course.status == Course.Status.ACTIVE


def test_cancelling_the_course_cancels_only_the_sessions_to_come(course, patient):
    booked = sessions(course)
    OutgoingEmail.objects.all().delete()
    with time_machine.travel(booked[1].start + timedelta(hours=2), tick=False):
        services.mark_attendance(booking=booked[0], status=Booking.Status.ATTENDED)
        freed = services.cancel_course(course=course, reason="Not helping")
    assert [b.pk for b in freed] == [b.pk for b in booked[2:]]
    assert [b.status for b in sessions(course)] == ["attended"] + ["confirmed"] + ["cancelled"] * 4
    course.refresh_from_db()
    assert course.status == Course.Status.CANCELLED
    [message] = OutgoingEmail.objects.filter(to=patient.email)
    assert message.subject == "Your course is cancelled: 4 sessions"
    assert [a["filename"] for a in message.attachments] == [
        f"booking-{b.reference}.ics" for b in booked[2:]
    ]
    assert all("method=CANCEL" in a["mimetype"] for a in message.attachments)
    with pytest.raises(services.BookingError, match="already cancelled"):
        services.cancel_course(course=course)


def test_the_freed_times_of_a_cancelled_course_can_be_booked_again(
    course, patient, practitioner, treatment, reception_user
):
    services.cancel_course(course=course)
    again = book_six(
        patient=patient, practitioner=practitioner, treatment=treatment, by=reception_user
    )
    assert len(sessions(again)) == 6


def test_activities_are_up_to_three_short_names(course):
    services.set_activities(course=course, names=["Sit through a film", " ", "Lift a child"])
    course.refresh_from_db()
    assert course.activities == [
        ("activity_1", "Sit through a film"),
        ("activity_2", "Lift a child"),
    ]
    with pytest.raises(services.BookingError, match="up to three"):
        services.set_activities(course=course, names=["a", "b", "c", "d"])
    with pytest.raises(services.BookingError, match="80 characters"):
        services.set_activities(course=course, names=["x" * 81])
