"""In-process timings: the median of N calls through Django's test Client (no network, no
server), and the queries one call makes (CaptureQueriesContext)."""

from collections.abc import Callable
from statistics import median
from time import perf_counter

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
    times = []
    for _ in range(calls):
        started = perf_counter()
        call()
        times.append(perf_counter() - started)
    return {"median_ms": round(median(times) * 1000, 3), "queries": queries}


def measure_all(endpoints: list[Endpoint], subjects: Subjects, calls: int) -> dict[str, dict]:
    """{row key: {"median_ms", "queries"}} for every page and every engine task."""
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
