"""The database runs in the modes the booking rules and the benchmark rely on."""

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own modes")
def test_sqlite_runs_in_wal_mode_with_queued_writers():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
    assert journal == "wal"
    assert synchronous == 1  # NORMAL
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_connections_are_kept_between_requests():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 60
