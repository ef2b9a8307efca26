from datetime import UTC, date, datetime, time

import pytest
import time_machine

from tests.factories import PractitionerFactory, TreatmentFactory, UserFactory, WorkingHoursFactory

# Friday 20 November 2026, 08:00 in London (GMT). The next Monday is the 23rd.
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def treatment(db):
    return TreatmentFactory(
        slug="follow-up", name="Follow-up", duration_minutes=45, buffer_minutes=15
    )


@pytest.fixture
def practitioner(db, treatment):
    user = UserFactory(username="hannah", email="hannah@example.org")
    p = PractitionerFactory(slug="hannah", name="Hannah Okafor", user=user)
    for weekday in range(5):
        WorkingHoursFactory(practitioner=p, weekday=weekday, start=time(9), end=time(17))
    treatment.practitioners.add(p)
    return p


@pytest.fixture
def colleague(practitioner, treatment):
    """Amir, who works Hannah's hours and gives the same treatment."""
    other = PractitionerFactory(slug="amir", name="Amir Shah")
    for weekday in range(5):
        WorkingHoursFactory(practitioner=other, weekday=weekday, start=time(9), end=time(17))
    treatment.practitioners.add(other)
    return other


def screening_answers(**given):
    """A full set of answers as a patient of any age gives them: "no" to every question
    unless given, e.g. screening_answers(pregnant="yes", epilepsy="not_sure")."""
    from bookings import screening

    asked = [*screening.WARNING_SIGNS, screening.NEW_EPISODE, *screening.CAUTIONS]
    return {**{q.key: "no" for q in asked}, **given}


def book_online(practitioner, treatment, start=MONDAY_9, **kwargs):
    """A booking made as the online form makes it, by Alex, who answered "no" to every
    screening question."""
    from bookings import services

    return services.book(
        practitioner=practitioner,
        treatment=treatment,
        start=start,
        patient=services.PatientDetails(
            "Alex", "Patient", "alex@example.org", "07700 900123", date(1980, 5, 17)
        ),
        screening_answers=screening_answers(),
        consented=True,
        **kwargs,
    )


def details_post(treatment_obj, practitioner_obj, start_at, **overrides):
    """A complete, valid details form as a browser would post it."""
    from bookings import screening

    data = {
        "treatment": treatment_obj.slug,
        "practitioner": practitioner_obj.slug,
        "start": start_at.isoformat(),
        "idempotency_key": overrides.pop("idempotency_key", f"key-{start_at.isoformat()}"),
        "first_name": "Alex",
        "last_name": "Patient",
        "email": "alex@example.org",
        "phone": "07700 900123",
        "date_of_birth": "1980-05-17",
        "patient_note": "",
        "consent": "on",
        "privacy": "on",
    }
    for q in screening.WARNING_SIGNS + screening.CAUTIONS:
        data[f"q_{q.key}"] = "no"
    # Asked only of someone under 20 or over 50; an ongoing episode lets them book online.
    data[f"q_{screening.NEW_EPISODE.key}"] = "no"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
