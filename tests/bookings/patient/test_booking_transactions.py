"""What a booking POST writes, and in how many transactions: everything of the booking
(the booking, its record, its emails, both manage links: the email's and the confirmation
page's) in the one transaction that locked the diary, so a booking never stands without
its links and, on SQLite, the write lock is taken as few times as possible."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.bookings.conftest import MONDAY_9, details_post

pytestmark = pytest.mark.django_db(transaction=True)

WRITES = ("INSERT", "UPDATE", "DELETE")


def transactions(statements: list[str]) -> list[list[str]]:
    """The statements that wrote, grouped by transaction: each BEGIN to its COMMIT, and
    each write made outside one on its own."""
    groups, current = [], None
    for sql in statements:
        verb = sql.split(None, 1)[0].upper()
        if verb == "BEGIN":
            current = []
        elif verb in ("COMMIT", "ROLLBACK") and not sql.upper().startswith("ROLLBACK TO"):
            groups.append(current)
            current = None
        elif verb in WRITES:
            if current is None:
                groups.append([sql])
            else:
                current.append(sql)
    return [group for group in groups if group]


def test_a_booking_post_writes_the_booking_and_both_manage_links_in_one_transaction(
    client, clock, practitioner, treatment
):
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("bookings:details"), details_post(treatment, practitioner, MONDAY_9)
        )

    assert response.status_code == 302
    writing = transactions([q["sql"] for q in captured.captured_queries])
    booking = [g for g in writing if any('INTO "bookings_booking"' in sql for sql in g)]
    assert len(booking) == 1
    links = [sql for sql in booking[0] if 'INTO "bookings_accesstoken"' in sql]
    assert len(links) == 2
    # Besides the booking's, only the session is saved (and the rate limit counted).
    others = [sql for g in writing if g is not booking[0] for sql in g]
    assert all('"django_session"' in sql or '"clinic_cache"' in sql for sql in others), others
