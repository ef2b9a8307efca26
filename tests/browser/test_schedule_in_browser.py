"""A practitioner signs in on a phone, reads the day and marks who came."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bookings.models import Booking
from clinic.clock import local_date
from tests.bookings.conftest import screening_answers
from tests.browser.conftest import shot
from tests.factories import (
    BookingFactory,
    PatientFactory,
    PractitionerFactory,
    TreatmentFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_practitioner_signs_in_and_marks_attended(live_server, phone):
    user = UserFactory(username="hannah", password="pass-word-123")
    practitioner = PractitionerFactory(name="Hannah Okafor", user=user)
    treatment = TreatmentFactory(name="Follow-up treatment")
    earlier = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=timezone.now() - timedelta(minutes=50),
        patient=PatientFactory(first_name="Ada", last_name="Lovelace"),
        screening_answers=screening_answers(bleeding="yes"),
        needs_attention=True,
    )

    phone.goto(live_server.url + "/schedule/")
    phone.get_by_label("Username").fill("hannah")
    phone.get_by_label("Password").fill("pass-word-123")
    phone.get_by_role("button", name="Sign in").click()
    phone.get_by_role("heading", name="Hannah Okafor").wait_for()
    # The session's own day (50 minutes ago may be yesterday just after midnight).
    phone.goto(f"{live_server.url}/schedule/?date={local_date(earlier.start):%Y-%m-%d}")

    assert phone.get_by_text("Before needling: Bleeding disorder or blood thinners").is_visible()
    phone.get_by_role("button", name="Attended").click()
    phone.get_by_text("marked attended").wait_for()
    shot(phone, "schedule-day-phone")
    earlier.refresh_from_db()
    assert earlier.status == Booking.Status.ATTENDED
    assert phone.js_errors == []
