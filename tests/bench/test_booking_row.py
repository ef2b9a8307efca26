"""The pieces of the benchmark's "completed bookings" row that need no server: how it
counts transactions, sums up the POSTs, spreads its patients and reads the pages."""

from datetime import date

import pytest

from bench.booking import spread, summarise
from bench.inprocess import transactions
from bench.patients import hidden_inputs, hold_paths

BOOKING_ON_SQLITE = [
    'SELECT "django_session"."session_key" FROM "django_session"',
    "BEGIN IMMEDIATE",
    'SELECT "cache_key", "expires" FROM "clinic_cache"',
    'INSERT INTO "clinic_cache" ("cache_key") VALUES (1)',
    "COMMIT",
    "BEGIN IMMEDIATE",
    'SELECT "practitioners_practitioner"."id" FROM "practitioners_practitioner"',
    'SAVEPOINT "s1_x1"',
    'INSERT INTO "bookings_booking" ("reference") VALUES (1)',
    'RELEASE SAVEPOINT "s1_x1"',
    'DELETE FROM "bookings_hold" WHERE "holder" = 1',
    "COMMIT",
    'INSERT INTO "bookings_accesstoken" ("purpose") VALUES (1)',
    "BEGIN",
    'SELECT "practitioners_practitioner"."id" FROM "practitioners_practitioner"',
    "COMMIT",
]


def test_transactions_count_each_begin_and_each_write_outside_one():
    counted = transactions(BOOKING_ON_SQLITE)

    # Three BEGINs and one INSERT in autocommit; the last transaction only reads.
    assert counted == {"transactions": 4, "writing": 3, "writes": 4}


def test_a_rollback_to_a_savepoint_does_not_end_the_transaction():
    statements = [
        "BEGIN",
        'SAVEPOINT "s1"',
        'ROLLBACK TO SAVEPOINT "s1"',
        'UPDATE "bookings_booking" SET "status" = 1',
        "COMMIT",
    ]

    assert transactions(statements) == {"transactions": 1, "writing": 1, "writes": 1}


def test_summary_counts_bookings_made_apart_from_just_taken_and_errors():
    samples = [[100.0, 0.1, 302], [100.0, 0.2, 302], [100.5, 0.3, 409], [101.0, 1.0, 500]]

    row = summarise(samples, prepared=5)

    # Two bookings made in the two seconds from the first POST to the last answer.
    assert row["rps"] == 1.0
    assert (row["completed"], row["taken"], row["errors"], row["requests"]) == (2, 1, 1, 4)
    assert row["prepared"] == 5
    assert 100 <= row["p50_ms"] <= 200 and row["p99_ms"] <= 200


def test_patients_next_to_each_other_want_different_diaries():
    practitioners = ["a", "b", "c"]
    days = [date(2026, 1, 5), date(2026, 1, 6)]

    jobs = list(spread(2, 5, practitioners, days))

    assert [n for n, _p, _d in jobs] == [2, 3, 4, 5, 6]
    assert [p for _n, p, _d in jobs] == ["c", "a", "b", "c", "a"]
    assert [d.day for _n, _p, d in jobs] == [5, 6, 6, 6, 5]
    assert len({(p, d) for _n, p, d in jobs}) == len(jobs)


def test_the_pages_are_read_as_a_browser_reads_them():
    page = (
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="tok">'
        '<input type="hidden" name="start" value="2026-01-05T09:00:00+00:00">'
        '<input type="text" name="first_name" value="">'
        '<button formaction="/book/hold/?treatment=t&amp;start=2026-01-05T09%3A00">'
        "</form>"
    )

    assert hidden_inputs(page) == {
        "csrfmiddlewaretoken": "tok",
        "start": "2026-01-05T09:00:00+00:00",
    }
    assert hold_paths(page) == ["/book/hold/?treatment=t&start=2026-01-05T09%3A00"]


def test_only_runs_the_rows_named_and_refuses_an_unknown_one(capsys):
    from bench.__main__ import parse

    assert parse(["--only", "booking_post,home"]).only == {"booking_post", "home"}
    assert parse([]).only is None
    with pytest.raises(SystemExit):
        parse(["--only", "booking"])
    assert "no such row: booking" in capsys.readouterr().err
