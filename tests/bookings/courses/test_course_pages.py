"""Planning a course from the schedule and the admin; the progress chart; the review flag."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from bookings import services
from bookings.courses.models import Course
from bookings.courses.selectors import propose_course
from bookings.models import Booking
from tests.bookings.conftest import MONDAY_9
from tests.bookings.courses.conftest import SIX_MONDAYS, sessions
from tests.factories import (
    BookingFactory,
    ClinicClosureFactory,
    TimeOffFactory,
    WorkingHoursFactory,
)

pytestmark = pytest.mark.django_db

FLAG = "review: no meaningful change yet"


@pytest.fixture
def hannah(client, practitioner):
    client.force_login(practitioner.user)
    return client


@pytest.fixture
def source(clock, practitioner, treatment, patient):
    """A first visit, from which the practitioner plans the course."""
    return BookingFactory(
        practitioner=practitioner, treatment=treatment, patient=patient, start=MONDAY_9
    )


def plan_post(**changes):
    data = {
        "patient": "",
        "practitioner": "",
        "treatment": "",
        "sessions": "6",
        "rhythm": "weekly",
        "weekday": "0",
        "preferred_time": "10:00",
        "first_day": "2026-11-30",
        "step": "propose",
    }
    data.update(changes)
    return data


def session_fields(response):
    """The date and time inputs of the proposed sessions, as a browser would send them."""
    fields = {}
    for tag in re.findall(r'<input[^>]*name="s\d+_(?:date|time)"[^>]*>', response.content.decode()):
        name = re.search(r'name="([^"]+)"', tag).group(1)
        value = re.search(r'value="([^"]*)"', tag)
        fields[name] = value.group(1) if value else ""
    return fields


def test_proposals_over_closures_time_off_and_the_clock_change_are_all_bookable(
    practitioner, treatment
):
    now = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    ClinicClosureFactory(start_date=date(2026, 10, 12), end_date=date(2026, 10, 12))
    TimeOffFactory(
        practitioner=practitioner,
        start=datetime(2026, 10, 19, 9, 0, tzinfo=UTC),
        end=datetime(2026, 10, 19, 11, 0, tzinfo=UTC),
    )
    proposals = propose_course(
        practitioner=practitioner,
        treatment=treatment,
        first_day=date(2026, 10, 5),
        weekday=0,
        at=time(10),
        count=6,
        rhythm="weekly",
        now=now,
    )
    assert len(proposals) == 6
    assert [p.problem and p.problem.name for p in proposals] == [
        None,
        "UNAVAILABLE",  # closed on Monday 12 October
        "UNAVAILABLE",  # time off from 10:00 to 12:00 BST on Monday 19 October
        None,  # Monday 26 October: GMT now, still 10:00 on the clock
        None,
        None,
    ]
    starts = [p.start for p in proposals]
    assert starts[0] == datetime(2026, 10, 5, 9, 0, tzinfo=UTC)  # 10:00 BST
    assert starts[1] == datetime(2026, 10, 13, 8, 0, tzinfo=UTC)  # Tuesday 09:00 BST
    # 09:15 BST: the session ends as the time off begins (45 minutes from 10:00; 12:00 is 120).
    assert starts[2] == datetime(2026, 10, 19, 8, 15, tzinfo=UTC)
    assert starts[3] == datetime(2026, 10, 26, 10, 0, tzinfo=UTC)  # 10:00 GMT
    with time_machine.travel(now, tick=False):
        for start in starts:  # every one passes the same check as an online booking
            services.check_time(
                practitioner=practitioner, treatment=treatment, start=start, by_staff=False
            )


def test_the_practitioner_plans_adjusts_and_books_a_course(hannah, source, patient):
    url = reverse("schedule:plan_course", args=[source.reference])
    page = hannah.get(url)
    assert page.status_code == 200
    initial = page.context["planner"].plan.initial
    assert (initial["weekday"], initial["preferred_time"]) == (0, time(9))
    data = plan_post(
        patient=str(patient.pk),
        practitioner=str(source.practitioner_id),
        treatment=str(source.treatment_id),
    )
    proposed = hannah.post(url, data)
    assert proposed.status_code == 200
    rows = session_fields(proposed)
    assert rows["s1_date"] == "2026-11-30" and rows["s1_time"] == "10:00"
    assert rows["s6_date"] == "2027-01-04"
    assert Booking.objects.count() == 1  # nothing booked yet

    rows["s3_time"] = "14:15"  # staff move one session
    checked = hannah.post(url, {**data, **rows, "step": "check"})
    assert checked.context["planner"].problems == [None] * 6
    booked = hannah.post(url, {**data, **rows, "step": "confirm"})
    course = Course.objects.get()
    assert booked["Location"] == reverse("schedule:course", args=[course.pk])
    starts = [b.start for b in sessions(course)]
    assert starts[2] == datetime(2026, 12, 14, 14, 15, tzinfo=UTC)
    assert [s for i, s in enumerate(starts) if i != 2] == [
        datetime(2026, 11, 30, 10, tzinfo=UTC) + timedelta(weeks=i) for i in (0, 1, 3, 4, 5)
    ]
    assert course.created_by == source.practitioner.user


def test_a_clash_found_at_confirmation_books_nothing_and_marks_the_session(
    hannah, source, patient, practitioner, treatment
):
    url = reverse("schedule:plan_course", args=[source.reference])
    data = plan_post(
        patient=str(patient.pk), practitioner=str(practitioner.pk), treatment=str(treatment.pk)
    )
    rows = session_fields(hannah.post(url, data))
    BookingFactory(  # someone books session 4's time meanwhile
        practitioner=practitioner, treatment=treatment, start=datetime(2026, 12, 21, 10, tzinfo=UTC)
    )
    response = hannah.post(url, {**data, **rows, "step": "confirm"})
    assert response.status_code == 409
    planner = response.context["planner"]
    assert planner.sessions.errors["s4_time"] == ["That time was just taken."]
    assert planner.sessions.non_field_errors() == [
        "Session 4: That time was just taken. Nothing has been booked: choose another time "
        "for that session and confirm again."
    ]
    assert planner.problems == [None, None, None, "That time was just taken.", None, None]
    assert Course.objects.count() == 0 and Booking.objects.count() == 2


def test_a_practitioner_cannot_plan_from_another_practitioners_booking(hannah, clock, treatment):
    from tests.factories import PractitionerFactory

    theirs = BookingFactory(practitioner=PractitionerFactory(), treatment=treatment, start=MONDAY_9)
    assert hannah.get(reverse("schedule:plan_course", args=[theirs.reference])).status_code == 404


def test_bad_plan_input_is_a_clear_error_and_books_nothing(
    hannah, source, patient, practitioner, treatment
):
    url = reverse("schedule:plan_course", args=[source.reference])
    base = plan_post(
        patient=str(patient.pk), practitioner=str(practitioner.pk), treatment=str(treatment.pk)
    )
    for field, value, message in [
        ("sessions", "13", "Ensure this value is less than or equal to 12."),
        ("sessions", "0", "Ensure this value is greater than or equal to 1."),
        ("weekday", "9", "Select a valid choice. 9 is not one of the available choices."),
        ("first_day", "2020-01-01", "A course starts from this week or later."),
        ("first_day", "9999-12-31", "A course starts within the coming year."),
        (
            "patient",
            "999999",
            "Select a valid choice. That choice is not one of the available choices.",
        ),
    ]:
        response = hannah.post(url, {**base, field: value})
        assert response.status_code == 200
        assert response.context["planner"].plan.errors[field] == [message], field
    for day in ("9999-12-31", "2026-11-19", "0001-01-01"):
        rows = {"s1_date": day, "s1_time": "10:00"}
        response = hannah.post(url, {**base, "sessions": "1", **rows, "step": "check"})
        assert response.status_code == 200
        assert response.context["planner"].sessions.errors == {
            "s1_date": ["Choose a day from today to a year ahead."]
        }
    rows = {"s1_date": "2026-11-30", "s1_time": ""}
    response = hannah.post(url, {**base, "sessions": "1", **rows, "step": "confirm"})
    assert response.context["planner"].sessions.errors == {
        "s1_time": ["Choose a time for this session."]
    }
    assert Booking.objects.count() == 1


def test_reception_plans_a_course_in_the_admin(
    clock, practitioner, treatment, patient, reception_user
):
    client = Client()
    client.force_login(reception_user)
    url = reverse("admin:bookings_course_add")
    page = client.get(url)
    assert page.status_code == 200 and "Plan a course" in page.content.decode()
    data = plan_post(
        patient=str(patient.pk),
        practitioner=str(practitioner.pk),
        treatment=str(treatment.pk),
        first_day="2026-11-23",
    )
    rows = session_fields(client.post(url, data))
    response = client.post(url, {**data, **rows, "step": "confirm"})
    course = Course.objects.get()
    assert response["Location"] == reverse("admin:bookings_course_change", args=[course.pk])
    assert [b.start for b in sessions(course)] == SIX_MONDAYS
    changelist = client.get(reverse("admin:bookings_course_changelist"))
    assert changelist.status_code == 200 and "Ada Lovelace" in changelist.content.decode()
    change = client.get(reverse("admin:bookings_course_change", args=[course.pk]))
    assert change.status_code == 200
    assert sessions(course)[0].reference in change.content.decode()


def attend_with_pain(course, practitioner, scores):
    """Mark the first sessions attended, each with its pain-now score."""
    booked = sessions(course)
    with time_machine.travel(booked[len(scores) - 1].end, tick=False):
        for booking, pain in zip(booked, scores, strict=False):
            services.mark_attendance(booking=booking, status=Booking.Status.ATTENDED)
            services.record_outcome(
                booking=booking, scores={"pain_now": pain}, recorded_by=practitioner.user
            )
    return booked


def flag_on_pages(client, manager_client, booking):
    day = booking.start.date().isoformat()
    schedule = client.get(reverse("schedule:today"), {"date": day}).content.decode()
    sheet = manager_client.get(
        reverse("admin:bookings_booking_day"), {"date": day}
    ).content.decode()
    return FLAG in schedule, FLAG in sheet


@pytest.mark.parametrize(
    ("scores", "flagged"),
    [
        ([7, 7, 7], False),  # three sessions: too early to judge
        ([7, 7, 7, 6], True),  # four, down 1 point (14%)
        ([7, 7, 6, 5], False),  # four, down 2 points
        ([3, 3, 3, 2], False),  # four, down 1 point, which is 33%
        ([4, 4, 4, 3], True),  # four, down 1 point, 25%
        ([6, 7, 8, 9], True),  # worse
    ],
)
def test_the_review_flag_shows_exactly_when_the_rule_says(
    hannah, manager_client, course, practitioner, scores, flagged
):
    booked = attend_with_pain(course, practitioner, scores)
    assert flag_on_pages(hannah, manager_client, booked[4]) == (flagged, flagged)
    page = hannah.get(reverse("schedule:booking", args=[booked[4].reference])).content.decode()
    assert (FLAG in page) is flagged
    course_page = hannah.get(reverse("schedule:course", args=[course.pk])).content.decode()
    assert ("Review: no meaningful change yet." in course_page) is flagged


@override_settings(COURSE_REVIEW_AFTER_SESSIONS=2)
def test_the_clinic_sets_after_how_many_sessions(hannah, manager_client, course, practitioner):
    booked = attend_with_pain(course, practitioner, [5, 5])
    assert flag_on_pages(hannah, manager_client, booked[2]) == (True, True)


def test_without_scores_there_is_no_flag(hannah, manager_client, course, practitioner):
    booked = sessions(course)
    with time_machine.travel(booked[3].end, tick=False):
        for b in booked[:4]:
            services.mark_attendance(booking=b, status=Booking.Status.ATTENDED)
    assert flag_on_pages(hannah, manager_client, booked[4]) == (False, False)


def chart_dots(html):
    return len(re.findall(r'<circle class="chart-dot line-pain-now"', html))


def test_the_chart_with_no_one_and_many_scores(hannah, course, practitioner):
    booked = sessions(course)
    url = reverse("schedule:booking", args=[booked[0].reference])
    page = hannah.get(url).content.decode()
    assert "No scores yet." in page and "<svg" not in page
    attend_with_pain(course, practitioner, [8])
    page = hannah.get(url).content.decode()
    assert chart_dots(page) == 1 and "<polyline" in page
    attend_with_pain(course, practitioner, [8, 7, 5, 4, 4])
    page = hannah.get(url).content.decode()
    assert chart_dots(page) == 5
    assert "Pain has come down from 8 to 4" in page and "a meaningful improvement" in page
    assert page.count('<tr><th scope="row">') == 5  # one table row per visit


def test_the_chart_is_svg_without_inline_style_or_script(hannah, course, practitioner):
    booked = attend_with_pain(course, practitioner, [8, 6])
    page = hannah.get(reverse("schedule:booking", args=[booked[0].reference])).content.decode()
    svg = page[page.index("<svg") : page.rindex("</svg>")]
    assert "style=" not in svg and "<script" not in svg and "<style" not in svg
    assert 'role="img"' in svg


def test_the_patient_sees_the_chart_in_my_bookings(client, course, practitioner, patient):
    from django.core import mail

    from bookings import outbox

    attend_with_pain(course, practitioner, [7, 6, 4])
    client.post("/my-bookings/", {"email": patient.email})
    outbox.send_pending()  # what the mail worker does
    [link] = re.findall(r"/my-bookings/sign-in/\?token=[\w-]+", mail.outbox[-1].body)
    client.post(link.split("?")[0], {"token": link.split("token=")[1]})
    page = client.get(reverse("bookings:my_bookings")).content.decode()
    assert "How you have been" in page
    assert chart_dots(page) == 3
    assert "Your pain has come down from 7 to 4" in page


def test_ending_a_course_from_the_schedule(hannah, course):
    response = hannah.post(
        reverse("schedule:course_cancel", args=[course.pk]), {"reason": "Better"}
    )
    assert response.status_code == 302
    assert {b.status for b in sessions(course)} == {"cancelled"}


def test_activities_from_the_course_page_appear_on_the_patients_form(hannah, client, course):
    hannah.post(
        reverse("schedule:course_activities", args=[course.pk]),
        {"activity_1": "Sit through a film", "activity_2": "", "activity_3": "Lift a child"},
    )
    course.refresh_from_db()
    assert course.activities == [
        ("activity_1", "Sit through a film"),
        ("activity_2", "Lift a child"),
    ]


def test_schedule_and_day_sheet_queries_stay_constant_with_courses(
    hannah,
    manager_client,
    course,
    practitioner,
    treatment,
    patient,
    reception_user,
    django_assert_max_num_queries,
):
    from tests.bookings.courses.conftest import book_six

    for hour in (12, 14, 16):
        WorkingHoursFactory(practitioner=practitioner, weekday=5, start=time(9), end=time(17))
        book_six(
            patient=patient,
            practitioner=practitioner,
            treatment=treatment,
            by=reception_user,
            starts=[s.replace(hour=hour) for s in SIX_MONDAYS],
        )
    with django_assert_max_num_queries(12):
        hannah.get(reverse("schedule:today"), {"view": "agenda", "date": "2026-11-23"})
    with django_assert_max_num_queries(20):
        manager_client.get(reverse("admin:bookings_booking_day"), {"date": "2026-11-23"})


def test_reception_ends_a_course_from_the_admin(course, reception_user):
    client = Client()
    client.force_login(reception_user)
    response = client.post(
        reverse("admin:bookings_course_changelist"),
        {"action": "cancel_courses", "_selected_action": [course.pk]},
        follow=True,
    )
    assert f"Course {course.pk}: 6 future session(s) cancelled." in response.content.decode()
    assert {b.status for b in sessions(course)} == {"cancelled"}
    course.refresh_from_db()
    assert course.status == Course.Status.CANCELLED
    page = client.get(reverse("admin:bookings_course_change", args=[course.pk])).content.decode()
    assert 'name="_save"' not in page and "Monday" in page
