"""The "completed bookings (POST only)" row.

Before each load, simulated patients go through the real flow over HTTP to the same
gunicorn (patients.prepare: choose a time, hold it, open the details form), each for a
distinct free time, spread over every practitioner and many days, so that concurrent
bookings queue on different diaries. Then locust posts only their details forms, as many
at once as the load has connections; the row is the rate of bookings made, the latency of
those POSTs, and how many were answered "just taken" instead (there should be none).
After each load the bookings it made are deleted again, so every other row sees the data
set it was built with.
"""

import json
import math
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from statistics import quantiles
from urllib.parse import urlencode

from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from bench import patients
from bookings.models import Booking, Hold, Patient, Treatment
from clinic.clock import local_date
from practitioners.models import Practitioner

HERE = Path(__file__).resolve().parent
GRACE_SECONDS = 30
PREPARERS = 2  # browsers preparing patients at once (the machine has two cores)
FIRST_GUESS_RPS = 40  # bookings per second, until a load has measured it
SPARE = 1.3  # prepare this many times what the load should use


@dataclass(frozen=True)
class Plan:
    """What the patients book: a treatment for new patients, with every practitioner who
    offers it, on every working day from the day after tomorrow for about eight weeks."""

    treatment: str
    practitioners: list[str]
    days: list[date]


def plan() -> Plan:
    treatment = Treatment.objects.active().filter(patient_kind=Treatment.PatientKind.NEW).first()
    practitioners = list(
        Practitioner.objects.listed()
        .filter(treatments=treatment)
        .order_by("order", "name")
        .values_list("slug", flat=True)
    )
    today = local_date(timezone.now())
    days = [today + timedelta(days=d) for d in range(2, 58)]
    return Plan(treatment.slug, practitioners, [d for d in days if d.weekday() < 6])


def spread(first: int, number: int, practitioners: list[str], days: list[date]):
    """(patient number, practitioner, day) for `number` patients from `first`: one
    practitioner after another, then the next day, so patients next to each other (who
    post at the same moment) never want the same diary."""
    for n in range(first, first + number):
        yield n, practitioners[n % len(practitioners)], days[n // len(practitioners) % len(days)]


class BookingLoad:
    """Loads the details POST at each number of connections; knows the rate it measured
    last, to prepare about as many patients as the next load will use."""

    def __init__(self, base_url: str, workdir: Path):
        self.base_url, self.workdir, self.plan = base_url, workdir, plan()
        self.numbered, self.rps = 0, FIRST_GUESS_RPS

    def prepare(self, number: int) -> list[patients.Prepared]:
        jobs = spread(self.numbered, number, self.plan.practitioners, self.plan.days)
        self.numbered += number

        def one(job):
            n, practitioner, day = job
            browser = patients.HttpBrowser(self.base_url, patients.address(n))
            return patients.prepare(
                browser, treatment=self.plan.treatment, practitioner=practitioner, day=day, n=n
            )

        with ThreadPoolExecutor(PREPARERS) as pool:
            prepared = [p for p in pool.map(one, jobs) if p is not None]
        if len(prepared) < number * 0.9:
            raise SystemExit(f"Only {len(prepared)} of {number} patients could hold a time.")
        return prepared

    def __call__(self, connections: int, seconds: int) -> dict:
        pool = self.prepare(math.ceil(self.rps * seconds * SPARE) + 2 * connections)
        try:
            result = run_locust(self.base_url, pool, connections, seconds, self.workdir)
        finally:
            remove_bookings()
        self.rps = max(result["rps"], 1)
        return result


def run_locust(base_url: str, pool, connections: int, seconds: int, workdir: Path) -> dict:
    prepared, samples = workdir / "prepared.json", workdir / "samples.json"
    prepared.write_text(
        json.dumps(
            [
                {"cookie": p.cookie_header(), "address": p.address, "body": urlencode(p.body)}
                for p in pool
            ]
        )
    )
    samples.unlink(missing_ok=True)
    command = [sys.executable, "-m", "locust", "-f", str(HERE / "locust_booking.py")]
    command += ["--headless", "-u", str(connections), "-r", str(connections)]
    command += ["--run-time", f"{seconds}s", "--host", base_url, "--stop-timeout", "5"]
    command += ["--only-summary", "--loglevel", "WARNING"]
    env = {**os.environ, "BENCH_PREPARED": str(prepared), "BENCH_SAMPLES": str(samples)}
    subprocess.run(
        command, capture_output=True, check=False, env=env, timeout=seconds + GRACE_SECONDS
    )
    if not samples.exists():
        raise SystemExit("locust wrote no samples for the booking row.")
    return summarise(json.loads(samples.read_text()), prepared=len(pool))


def summarise(samples: list[list], *, prepared: int) -> dict:
    """[started, seconds, status] per POST -> the row: bookings made (302) per second over
    the time the POSTs took, their p50 and p99, and the other answers counted apart."""
    made = [s for s in samples if s[2] == 302]
    taken = sum(1 for s in samples if s[2] == 409)
    window = max(s[0] + s[1] for s in samples) - min(s[0] for s in samples) if samples else 0
    times = sorted(s[1] * 1000 for s in made)
    cuts = quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {
        "rps": round(len(made) / window, 1) if window else 0.0,
        "p50_ms": round(cuts[49], 1) if cuts else 0.0,
        "p99_ms": round(cuts[98], 1) if cuts else 0.0,
        "requests": len(samples),
        "completed": len(made),
        "taken": taken,
        "errors": len(samples) - len(made) - taken,
        "prepared": prepared,
    }


def remove_bookings() -> None:
    """Delete what the row's patients made (bookings, with their emails and links; their
    patient records and histories; holds; sessions), then empty the shared cache (rate
    limit counters). The deletes give the diaries new versions, so no process's cached
    diary from while those bookings stood is used again."""
    mine = {"given_email__startswith": patients.EMAIL_PREFIX}
    Booking.objects.filter(**mine).delete()
    Booking.history.filter(**mine).delete()
    Patient.objects.filter(email__startswith=patients.EMAIL_PREFIX).delete()
    Patient.history.filter(email__startswith=patients.EMAIL_PREFIX).delete()
    Hold.objects.all().delete()  # the benchmark holds times only here
    Session.objects.all().delete()
    cache.clear()


def measure_in_process(calls: int, measure) -> dict:
    """One booking POST in this process (Django's test Client), timed by `measure` as the
    pages are, each call for another prepared patient and time."""
    s = plan()
    jobs = spread(0, calls + 2, s.practitioners, s.days)
    ready = []
    for n, practitioner, day in jobs:
        browser = patients.ClientBrowser(patients.address(n))
        prepared = patients.prepare(
            browser, treatment=s.treatment, practitioner=practitioner, day=day, n=n
        )
        if prepared is None:
            raise SystemExit("A patient could not hold a time for the in-process booking.")
        ready.append((browser, prepared))

    def post():
        browser, prepared = ready.pop()
        page = browser.post(patients.DETAILS_PATH, prepared.body)
        if page.status != 302:
            said = " ".join(re.sub(r"<[^>]+>", " ", page.text).split())
            raise SystemExit(f"A booking POST answered {page.status}, not 302: {said[:600]}")

    try:
        return measure(post, calls)
    finally:
        remove_bookings()
