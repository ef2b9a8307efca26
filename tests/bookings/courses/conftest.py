from datetime import time, timedelta

import pytest

from bookings import services
from bookings.models import Booking
from tests.bookings.conftest import MONDAY_9
from tests.factories import PatientFactory

WEEK = timedelta(days=7)
# Six Mondays at 10:00 (GMT, so 10:00 in London too) from 23 November 2026.
SIX_MONDAYS = [MONDAY_9 + timedelta(hours=1) + WEEK * i for i in range(6)]


@pytest.fixture
def patient(db):
    return PatientFactory(first_name="Ada", last_name="Lovelace", email="ada@example.org")


def book_six(*, patient, practitioner, treatment, by, starts=SIX_MONDAYS, **options):
    return services.book_course(
        patient=patient,
        practitioner=practitioner,
        treatment=treatment,
        starts=list(starts),
        rhythm="weekly",
        weekday=0,
        preferred_time=time(10),
        created_by=by,
        **options,
    )


@pytest.fixture
def course(clock, patient, practitioner, treatment, reception_user):
    return book_six(
        patient=patient, practitioner=practitioner, treatment=treatment, by=reception_user
    )


def sessions(course):
    return list(Booking.objects.filter(course_session__course=course).order_by("start"))


def manage_link(booking) -> str:
    """The patient's private link to a booking, as an email gives it: a secret of its own
    (only its digest is stored)."""
    from tests.factories import manage_link as issued_link

    return issued_link(booking)


def scores_url(booking) -> str:
    from django.urls import reverse

    return reverse("bookings:scores", args=[booking.reference])


def token_of(link: str) -> str:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(link).query)["token"][0]
