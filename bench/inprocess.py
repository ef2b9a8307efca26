"""In-process timings: the median of N calls through Django's test Client (no network, no
server), and the queries one call makes (CaptureQueriesContext), with how many database
transactions and writes they include.

Each call is timed twice: on the wall clock, and in CPU time of this process. On a machine
that other work keeps busy the wall clock counts the waiting too; CPU time counts only the
work, so it compares fairly between runs. (On SQLite the database works inside this
process, so its time is in both; a PostgreSQL server's own work is only on the wall clock.)
"""

from collections.abc import Callable
from statistics import median
from time import perf_counter, process_time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import booking
from bench.pages import BARE, BOOKING, ENGINE_TASKS, Endpoint, Subjects
from bookings.diaries import store
from clinic.page_cache import pages

WRITES = {"INSERT", "UPDATE", "DELETE", "REPLACE"}


def transactions(statements: list[str]) -> dict[str, int]:
    """How many transactions a list of SQL statements (as Django logs them) ran, and how
    many wrote: each BEGIN (Django logs it on PostgreSQL, and sends "BEGIN IMMEDIATE" on
    SQLite, where every transaction takes the write lock), plus each write made outside
    one (autocommit). `writes` counts INSERT, UPDATE and DELETE statements."""
    inside = wrote = False
    counted = {"transactions": 0, "writing": 0, "writes": 0}
    for sql in statements:
        words = sql.split(None, 2)[:2]
        verb, then = (w.upper() for w in (words + ["", ""])[:2])
        if verb == "BEGIN":
            inside, wrote = True, False
            counted["transactions"] += 1
        elif verb in ("COMMIT", "ROLLBACK") and then != "TO":
            counted["writing"] += inside and wrote
            inside = False
        elif verb in WRITES:
            counted["writes"] += 1
            wrote = True
            if not inside:
                counted["transactions"] += 1
                counted["writing"] += 1
    return counted


def _measure(call: Callable[[], object], calls: int) -> dict:
    call()  # warm: templates loaded, connection open
    with CaptureQueriesContext(connection) as captured:
        call()
    # Read now: the next request clears the connection's log that `captured` reads from.
    queries = len(captured)
    counted = transactions([q["sql"] for q in captured.captured_queries])
    wall, cpu = [], []
    for _ in range(calls):
        started, started_cpu = perf_counter(), process_time()
        call()
        wall.append(perf_counter() - started)
        cpu.append(process_time() - started_cpu)
    return {
        "median_ms": round(median(wall) * 1000, 3),
        "cpu_ms": round(median(cpu) * 1000, 3),
        "queries": queries,
        **counted,
    }


def measure_all(
    endpoints: list[Endpoint], subjects: Subjects, calls: int, only: set[str] | None = None
) -> dict[str, dict]:
    """{row key: {"median_ms", "cpu_ms", "queries", "transactions", "writing", "writes"}}
    for every page and engine task (or those in `only`), and one booking POST."""
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for endpoint in endpoints:
        if endpoint.key == BOOKING:
            results[endpoint.key] = booking.measure_in_process(calls, _measure)
            continue
        response = client.get(endpoint.path)
        if response.status_code != 200:
            raise SystemExit(f"{endpoint.path} answered {response.status_code}, not 200.")
        results[endpoint.key] = _measure(lambda e=endpoint: client.get(e.path), calls)
        if endpoint.key != BARE:
            results[made_afresh(endpoint.key)] = _measure(
                lambda e=endpoint: _made_afresh(client, e.path), calls
            )
    for key, _label, task in ENGINE_TASKS:
        if only is None or key in only:
            results[key] = _measure(lambda t=task: t(subjects), calls)
    return results


def made_afresh(key: str) -> str:
    """The row of a page made with nothing cached: no page kept (clinic/page_cache.py), no
    diary (bookings/diaries.py). What the first visitor after a change, or anyone with a
    session, waits for."""
    return f"{key}_made"


def _made_afresh(client: Client, path: str):
    pages().clear()
    store.clear()
    return client.get(path)
