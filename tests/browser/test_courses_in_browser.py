"""Courses in Chromium: reception plans a six-session course on a phone and on a desktop;
a patient answers the reminder's questions and sees their progress."""

import re
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission

from bookings import services
from bookings.backoffice.roles import RECEPTION, apply_roles
from bookings.courses.models import Course
from bookings.models import Booking, OutgoingEmail
from clinic.clock import clinic_tz, local_today
from tests.browser.conftest import shot
from tests.browser.test_admin_in_browser import sign_in
from tests.factories import (
    PatientFactory,
    PractitionerFactory,
    TreatmentFactory,
    UserFactory,
    WorkingHoursFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def clinic():
    treatment = TreatmentFactory(name="Follow-up treatment", duration_minutes=45)
    practitioner = PractitionerFactory(name="Hannah Okafor")
    for weekday in range(7):
        WorkingHoursFactory(practitioner=practitioner, weekday=weekday, start=time(8), end=time(18))
    treatment.practitioners.add(practitioner)
    return treatment, practitioner


@pytest.mark.parametrize("width", [390, 1280])
def test_reception_plans_a_six_session_course(live_server, browser, width):
    apply_roles(Group, Permission)
    reception = UserFactory(username="reception", password="pass-word-123", is_staff=True)
    reception.groups.add(Group.objects.get(name=RECEPTION))
    clinic()
    PatientFactory(first_name="Ada", last_name="Lovelace")
    next_week = local_today() + timedelta(days=7)

    page = browser.new_page(viewport={"width": width, "height": 900})
    sign_in(page, live_server.url, "reception")
    page.goto(live_server.url + "/admin/bookings/course/add/")
    page.click("#id_patient + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "Lovelace")
    page.locator(".select2-results__option", has_text="Ada Lovelace").click()
    page.select_option("#id_practitioner", label="Hannah Okafor")
    page.select_option("#id_treatment", label="Follow-up treatment")
    page.fill("#id_sessions", "6")
    page.select_option("#id_rhythm", label="Every week")
    page.select_option("#id_weekday", value=str(next_week.weekday()))
    page.fill("#id_preferred_time", "10:00")
    page.fill("#id_first_day", next_week.isoformat())
    page.get_by_role("button", name="Propose times").click()
    page.get_by_text("Session 6").wait_for()
    assert page.locator("#id_s1_date").input_value() == next_week.isoformat()
    assert page.locator("#id_s6_time").input_value() == "10:00"
    shot(page, f"admin-course-proposed-{width}")
    page.fill("#id_s3_time", "11:30")  # reception moves one session
    page.get_by_role("button", name="Book all 6 sessions").click()
    page.get_by_text("6 sessions booked for Ada Lovelace").wait_for()
    shot(page, f"admin-course-booked-{width}")

    course = Course.objects.get()
    starts = [
        b.start.astimezone(clinic_tz())
        for b in Booking.objects.filter(course_session__course=course).order_by("start")
    ]
    assert [s.date() for s in starts] == [next_week + timedelta(weeks=i) for i in range(6)]
    assert [s.strftime("%H:%M") for s in starts] == [
        "10:00",
        "10:00",
        "11:30",
        "10:00",
        "10:00",
        "10:00",
    ]
    assert course.created_by == reception
    page.close()


def test_a_patient_scores_from_the_reminder_and_sees_the_chart(live_server, phone_without_js):
    treatment, practitioner = clinic()
    practitioner.user = UserFactory(username="hannah")
    practitioner.save()
    patient = PatientFactory(first_name="Ada", last_name="Lovelace")
    tomorrow = local_today() + timedelta(days=1)
    starts = [
        datetime.combine(tomorrow + timedelta(weeks=w), time(10), tzinfo=clinic_tz())
        for w in (-2, -1, 0, 1, 2, 3)
    ]
    course = services.book_course(
        patient=patient,
        practitioner=practitioner,
        treatment=treatment,
        starts=starts,
        rhythm="weekly",
        weekday=tomorrow.weekday(),
        preferred_time=time(10),
        created_by=practitioner.user,
        notify=False,
    )
    services.set_activities(course=course, names=["Sit through a film"])
    for session, (pain, film) in zip(
        course.sessions.order_by("number")[:2], [(8, 2), (7, 3)], strict=False
    ):
        services.mark_attendance(booking=session.booking, status=Booking.Status.ATTENDED)
        services.record_outcome(
            booking=session.booking,
            scores={"pain_now": pain, "activity_1": film},
            recorded_by=practitioner.user,
        )
    services.send_due_reminders(hours_before=48)
    reminder = OutgoingEmail.objects.get(kind="reminder")
    link = re.search(r"(http\S+#how-are-you)", reminder.body_text).group(1)
    parts = urlsplit(link)

    page = phone_without_js
    page.goto(f"{live_server.url}{parts.path}?{parts.query}#{parts.fragment}")
    page.get_by_text("How has your back been?").wait_for()
    form = page.locator("#how-are-you")
    form.locator("fieldset", has_text="Pain now").get_by_text("5", exact=True).click()
    form.locator("fieldset", has_text="Worst pain in the last week").get_by_text(
        "7", exact=True
    ).click()
    form.locator("fieldset", has_text="Sit through a film").get_by_text("6", exact=True).click()
    form.get_by_role("button", name="Send my answers").click()
    page.get_by_text("Thank you. Your practitioner will see your answers.").wait_for()
    assert page.locator("circle.chart-dot.line-pain-now").count() == 3
    assert page.locator("circle.chart-dot.line-activity-1").count() == 3
    assert page.get_by_text("Your pain has come down from 8 to 5").is_visible()
    # Nothing (not even the table kept for screen readers) makes the phone page scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "patient-scores-and-chart")
    outcome = Booking.objects.get(start=starts[2]).outcome
    assert (outcome.pain_now, outcome.pain_worst, outcome.activity_1) == (5, 7, 6)
    assert outcome.recorded_by is None
    assert page.js_errors == []
