"""Property-based fuzzing of every public door: at least 1,000 generated requests across
the pages' query parameters, the public forms and the JSON API. Whatever comes in, the
answer is never a server error, and a refused request saves nothing.

The Django test client re-raises any exception a view lets escape, so an error page that
would have been a 500 fails the example with its traceback.
"""

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    BookingFactory,
    ConditionFactory,
    PractitionerFactory,
    TreatmentFactory,
    WorkingHoursFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
FUZZ = settings(
    max_examples=350,
    deadline=None,
    derandomize=True,  # the same requests on every run and both databases
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values that have broken parsers before, mixed with ones that are almost right.
TRICKY = [
    "",
    "any",
    "hannah",
    "follow-up",
    "sciatica",
    "9999-12-31",
    "0001-01-01",
    "2026-11-23",
    "2026-02-30",
    "2026-11-23T09:00:00+00:00",
    "2026-11-23T09:00:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "2026-11-23 09:00:00 00:00",
    "-1",
    "1e309",
    "x" * 5000,
    "\x00",
    "a\x00b",
    "'; DROP TABLE bookings_booking; --",
    "<script>alert(1)</script>",
    "%00",
    "../../etc/passwd",
    "😀",
    "\u202e",
]
values = st.one_of(st.sampled_from(TRICKY), st.text(max_size=60))
params = st.dictionaries(
    st.sampled_from(
        [
            "treatment",
            "practitioner",
            "condition",
            "date",
            "start",
            "service",
            "q",
            "language",
            "view",
            "token",
            "page",
        ]
    ),
    values,
    max_size=5,
)

GET_PATHS = [
    "/",
    "/practitioners/",
    "/practitioners/hannah/",
    "/conditions/sciatica/",
    "/book/",
    "/book/practitioner/",
    "/book/time/",
    "/book/details/",
    "/api/availability/",
    "/my-bookings/",
    "/booking/{ref}/",
    "/booking/{ref}/move/",
]
POST_PATHS = [
    "/book/details/",
    "/my-bookings/",
    "/booking/{ref}/cancel/",
    "/booking/{ref}/move/",
    "/accounts/login/",
    "/accounts/password_reset/",
]
FORM_FIELDS = [
    "treatment",
    "practitioner",
    "start",
    "idempotency_key",
    "first_name",
    "last_name",
    "email",
    "phone",
    "date_of_birth",
    "patient_note",
    "consent",
    "privacy",
    "reason",
    "token",
    "username",
    "password",
]
form = st.dictionaries(st.sampled_from(FORM_FIELDS), values, max_size=10)


def row_counts() -> dict[str, int]:
    """How many rows each of the project's own models holds."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("clinic", "practitioners", "bookings")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def clinic(db):
    with time_machine.travel(NOW, tick=False):
        condition = ConditionFactory(slug="sciatica")
        treatment = TreatmentFactory(slug="follow-up", duration_minutes=45)
        practitioner = PractitionerFactory(slug="hannah")
        practitioner.specialties.add(condition)
        treatment.practitioners.add(practitioner)
        for weekday in range(5):
            WorkingHoursFactory(
                practitioner=practitioner, weekday=weekday, start=time(9), end=time(17)
            )
        booking = BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            start=datetime(2026, 12, 1, 10, tzinfo=UTC),
        )
        yield booking


@FUZZ
@given(path=st.sampled_from(GET_PATHS), query=params, ref=values)
def test_no_query_string_gets_a_server_error(client, clinic, path, query, ref):
    before = row_counts()
    with time_machine.travel(NOW, tick=False):
        response = client.get(path.format(ref=ref.replace("/", "") or "X"), query)

    assert response.status_code < 500
    assert row_counts() == before  # reading never writes


@FUZZ
@given(path=st.sampled_from(POST_PATHS), data=form, ref=st.sampled_from(["", "real"]))
def test_no_form_post_gets_a_server_error_or_saves_a_refused_request(
    client, clinic, path, data, ref
):
    reference = clinic.reference if ref == "real" else "NOSUCHREF"
    before = row_counts()
    with time_machine.travel(NOW, tick=False):
        response = client.post(path.format(ref=reference), data)

    assert response.status_code < 500
    if response.status_code != 302 or "/book/done/" not in response.get("Location", ""):
        after = row_counts()
        # A refused request may record only what a refusal records by design: that a
        # warning sign was shown (nothing personal), or a failed sign-in for the lockout.
        allowed = {"bookings.ScreeningStop"}
        assert {k: v for k, v in after.items() if k not in allowed} == {
            k: v for k, v in before.items() if k not in allowed
        }


@FUZZ
@given(query=params)
def test_the_api_answers_json_for_any_parameters(client, clinic, query):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/api/availability/", query)

    assert response.status_code in (200, 400)
    body = response.json()
    assert ("slots" in body) if response.status_code == 200 else ("error" in body)
