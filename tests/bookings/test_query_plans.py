"""Cost that does not grow with history: the bookings the engine reads come from an index
range bounded on both sides, so ten times more past bookings read no more rows."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.diaries import load_diaries
from bookings.models import LONGEST_BLOCK, Booking
from tests.bookings.conftest import MONDAY_9
from tests.factories import BookingFactory, TreatmentFactory

pytestmark = pytest.mark.django_db


def bookings_query_of(run) -> str:
    """The SQL (as executed) of the one query `run` makes on the bookings table."""
    with CaptureQueriesContext(connection) as queries:
        run()
    found = [q["sql"] for q in queries if 'FROM "bookings_booking"' in q["sql"]]
    assert len(found) == 1, found
    return found[0]


def plan_of(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Tiny test tables make a sequential scan cheapest; ask what the index gives.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan")
            return plan
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_engine_reads_bookings_from_an_index_range_bounded_on_both_sides(
    clock, practitioner, treatment
):
    BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    sql = bookings_query_of(
        lambda: load_diaries([practitioner.pk], date(2026, 11, 23), date(2026, 11, 23))
    )
    plan = plan_of(sql)

    if connection.vendor == "postgresql":
        index_conditions = [line for line in plan.splitlines() if "Index Cond" in line]
        assert any("start >" in line and "start <" in line for line in index_conditions), plan
    else:
        assert "USING INDEX" in plan and "start>? AND start<?" in plan, plan


def test_a_booking_as_long_as_allowed_is_still_found_by_the_bounded_query(
    clock, practitioner, treatment
):
    longest = TreatmentFactory(duration_minutes=LONGEST_BLOCK.seconds // 60, buffer_minutes=0)
    longest.practitioners.add(practitioner)
    # Starts the evening before and blocks the whole of Monday morning.
    BookingFactory(
        practitioner=practitioner, treatment=longest, start=MONDAY_9 - timedelta(hours=11)
    )

    diary = load_diaries([practitioner.pk], date(2026, 11, 23), date(2026, 11, 23))

    assert [b.end - b.start for b in diary[practitioner.pk].bookings] == [LONGEST_BLOCK]


def test_a_treatment_longer_than_the_longest_block_is_refused(db):
    from django.core.exceptions import ValidationError

    too_long = TreatmentFactory.build(duration_minutes=12 * 60, buffer_minutes=15)
    with pytest.raises(ValidationError, match="at most 12 hours"):
        too_long.full_clean(exclude=["practitioners"])
    assert not Booking.objects.exists()
