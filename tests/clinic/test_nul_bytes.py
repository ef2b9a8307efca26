"""A NUL byte anywhere in a request is refused before any view reads it.

PostgreSQL cannot store or compare a string holding NUL ("A string literal cannot contain
NUL characters"), so without this a NUL in a reference, a token or a filter is a 500 there.
"""

import pytest

pytestmark = pytest.mark.django_db

REFUSED = "Part of that address or form contained a character we cannot accept"


@pytest.mark.parametrize(
    "url",
    [
        "/booking/AB%00CD/",
        "/booking/AB%00CD/?token=x",
        "/schedule/feed/x%00y.ics",
        "/practitioners/?condition=%00",
        "/practitioners/?q=ok&language=a%00b",
        "/api/availability/?practitioner=%00&service=x&date=2026-11-23",
        "/my-bookings/abc%00def/",
        "/?%00=1",
    ],
)
def test_nul_byte_in_path_or_query_is_a_clear_400(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_nul_byte_in_admin_autocomplete_term_is_a_400(manager_client):
    response = manager_client.get(
        "/admin/autocomplete/",
        {"app_label": "bookings", "model_name": "booking", "field_name": "patient", "term": "\0"},
    )

    assert response.status_code == 400


def test_admin_autocomplete_still_answers_a_normal_term(manager_client):
    response = manager_client.get(
        "/admin/autocomplete/",
        {"app_label": "bookings", "model_name": "booking", "field_name": "patient", "term": "a"},
    )

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_nul_byte_in_a_posted_field_is_refused_and_nothing_is_saved(client):
    from django.contrib.auth import get_user_model

    response = client.post("/accounts/login/", {"username": "ha\0nnah", "password": "x"})

    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()
    assert not get_user_model().objects.exists()


def test_nul_byte_in_the_session_cookie_is_refused(client):
    # A quoted cookie value may carry an octal escape, which Django decodes to NUL.
    response = client.get("/schedule/", HTTP_COOKIE='sessionid="abcdefgh\\000ijkl"')

    assert response.status_code == 400


def test_nul_byte_in_a_header_the_lockout_records_is_refused(client):
    from axes.models import AccessAttempt

    response = client.post(
        "/admin/login/", {"username": "someone", "password": "x"}, HTTP_USER_AGENT="bot\0"
    )

    assert response.status_code == 400
    assert not AccessAttempt.objects.exists()


def test_ordinary_requests_pass(client):
    assert client.get("/practitioners/?condition=sciatica").status_code == 200


def test_a_nul_byte_sent_to_the_api_is_a_json_400(client):
    response = client.get("/api/availability/", {"practitioner": "a\x00b", "service": "x"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"].startswith("Bad parameter")
