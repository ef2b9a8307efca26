"""Password reset for staff and practitioners: throttled per client and per account, the
same answer after the same work whether or not the address has an account, and the mail
only queued (the link's secret leaves the stored copy once it is sent)."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from bookings import outbox
from bookings.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/accounts/password_reset/"


@pytest.fixture
def hannah(db):
    return UserFactory(username="hannah", email="hannah@example.org")


def our_queries(captured) -> list[str]:
    """Statements on our tables (not the rate limiter's cache, not savepoints, not the
    session), cut to verb and table."""
    return [
        re.sub(r"'[^']*'|\d+", "?", q["sql"])[:60]
        for q in captured.captured_queries
        if not any(s in q["sql"] for s in ("clinic_cache", "SAVEPOINT", "django_session"))
    ]


def test_known_and_unknown_addresses_get_the_same_answer_after_the_same_work(client, hannah):
    with CaptureQueriesContext(connection) as known_queries:
        known = client.post(RESET, {"email": "hannah@example.org"})
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = client.post(RESET, {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password_reset/done/"
    assert our_queries(known_queries) == our_queries(unknown_queries)
    assert OutgoingEmail.objects.filter(kind="password_reset", to="hannah@example.org").count() == 1
    assert OutgoingEmail.objects.filter(kind="no_account", to="nobody@example.org").count() == 1


def test_the_queued_link_resets_the_password_and_leaves_no_secret_behind(client, hannah):
    client.post(RESET, {"email": "hannah@example.org"})
    queued = OutgoingEmail.objects.get(kind="password_reset")
    outbox.send(queued.pk)

    [link] = re.findall(r"http://127\.0\.0\.1:8000(/accounts/reset/\S+/)", mail.outbox[0].body)
    form = client.get(link, follow=True)
    changed = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-pass-phrase-9", "new_password2": "a-new-pass-phrase-9"},
    )

    queued.refresh_from_db()
    hannah.refresh_from_db()
    assert changed.status_code == 302
    assert hannah.check_password("a-new-pass-phrase-9")
    assert link.split("/reset/")[1] not in queued.body_text + queued.body_html
    assert "/reset/removed-after-sending" in queued.body_text


@override_settings(PASSWORD_RESET_RATE_LIMIT="3/h")
def test_one_client_is_throttled(client, hannah):
    answers = [client.post(RESET, {"email": f"someone{i}@example.org"}) for i in range(4)]

    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert "Please wait a little" in answers[-1].content.decode()
    assert OutgoingEmail.objects.count() == 3


@override_settings(PASSWORD_RESET_ACCOUNT_RATE_LIMIT="2/h")
def test_one_account_is_throttled_from_any_client_and_the_answer_does_not_change(client, hannah):
    answers = [
        client.post(RESET, {"email": email}, REMOTE_ADDR=f"192.0.2.{i}")
        for i, email in enumerate(["hannah@example.org", "Hannah@Example.org"] * 3)
    ]

    assert {a.status_code for a in answers} == {302}
    assert {a["Location"] for a in answers} == {"/accounts/password_reset/done/"}
    assert OutgoingEmail.objects.filter(to="hannah@example.org").count() == 2
