"""Permissions-Policy on every response; sign-ins end after a working day of inactivity."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PractitionerFactory, UserFactory

pytestmark = pytest.mark.django_db

OFF = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/practitioners/",
        "/no-such-page/",
        "/healthz",
        "/static/css/site.css",
        "/booking/A%00/",
    ],
)
def test_every_response_switches_off_browser_features_we_do_not_use(client, url):
    response = client.get(url)
    response.close()  # the static file is streamed from an open file

    policy = response["Permissions-Policy"]
    for feature in OFF:
        assert feature in policy.split(", ")


def test_the_admin_and_json_answers_carry_the_policy_too(client):
    assert "camera=()" in client.get("/admin/login/")["Permissions-Policy"]
    assert "camera=()" in client.get("/api/availability/")["Permissions-Policy"]


LOGIN = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def signed_in_practitioner(client):
    user = UserFactory(username="hannah")
    PractitionerFactory(user=user)
    with time_machine.travel(LOGIN, tick=False) as clock:
        client.force_login(user)
        yield clock


def is_signed_in(client) -> bool:
    response = client.get("/schedule/")
    return response.status_code == 200


def test_a_sign_in_lasts_a_working_day_not_two_weeks():
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60


def test_an_idle_sign_in_ends_after_ten_hours(client, signed_in_practitioner):
    signed_in_practitioner.shift(timedelta(hours=10, minutes=1))

    assert not is_signed_in(client)


def test_a_sign_in_in_use_stays_open_all_day(client, signed_in_practitioner):
    for _ in range(4):
        signed_in_practitioner.shift(timedelta(hours=4))
        assert is_signed_in(client)
    signed_in_practitioner.shift(timedelta(hours=9, minutes=50))

    assert is_signed_in(client)


def test_pages_opened_minutes_apart_do_not_rewrite_the_session(client, signed_in_practitioner):
    assert is_signed_in(client)  # the first page after sign-in moves the expiry on
    signed_in_practitioner.shift(timedelta(minutes=1))

    with CaptureQueriesContext(connection) as captured:
        assert is_signed_in(client)

    writes = [q["sql"] for q in captured if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == []
