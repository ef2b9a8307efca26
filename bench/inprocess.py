"""In-process timings: the median of N calls through Django's test Client (no network, no
server), and the queries one call makes (CaptureQueriesContext).

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

from bench.pages import ENGINE_TASKS, Endpoint, Subjects


def _measure(call: Callable[[], object], calls: int) -> dict:
    call()  # warm: templates loaded, connection open
    with CaptureQueriesContext(connection) as captured:
        call()
    # Read now: the next request clears the connection's log that `captured` reads from.
    queries = len(captured)
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
    }


def measure_all(endpoints: list[Endpoint], subjects: Subjects, calls: int) -> dict[str, dict]:
    """{row key: {"median_ms", "cpu_ms", "queries"}} for every page and engine task."""
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for endpoint in endpoints:
        response = client.get(endpoint.path)
        if response.status_code != 200:
            raise SystemExit(f"{endpoint.path} answered {response.status_code}, not 200.")
        results[endpoint.key] = _measure(lambda e=endpoint: client.get(e.path), calls)
    for key, _label, task in ENGINE_TASKS:
        results[key] = _measure(lambda t=task: t(subjects), calls)
    return results
