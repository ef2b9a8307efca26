"""python -m bench [--quick] [--out PATH]: see README, "Performance"."""

import argparse
import os
import random
import secrets
import shutil
import signal
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import django

from bench.database import fresh_database_url

DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "latest.json"
FULL = {"bookings": 20_000, "history": 200_000, "seconds": 10, "repeats": 3, "calls": 200}
QUICK = {"bookings": 2_000, "history": 20_000, "seconds": 2, "repeats": 1, "calls": 5}
# Every row's key, for --only (the bare view is always run: every ratio needs it).
ROWS = [
    "api_one",
    "api_any",
    "directory",
    "profile",
    "time_one",
    "time_any",
    "condition",
    "home",
    "booking_post",
    "first_free_60",
    "first_free_60_cold",
    "next_free_50",
    "any_14",
]


def parse(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small data, short loads")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the JSON goes")
    parser.add_argument("--bookings", type=int, help="bookings over the 90 days (20000)")
    parser.add_argument("--history", type=int, help="bookings in all, then (200000)")
    parser.add_argument("--seconds", type=int, help="length of each load (10)")
    parser.add_argument("--repeats", type=int, help="loads of each page (3)")
    parser.add_argument("--connections", help="comma-separated (10,50; quick: 10)")
    parser.add_argument("--calls", type=int, help="in-process calls per median (200)")
    parser.add_argument("--practitioners", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--loader", choices=["auto", "wrk", "locust"], default="auto")
    parser.add_argument("--seed", type=int, default=12, help="for the random data set")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--only", help=f"comma-separated rows to run, besides the bare view: {', '.join(ROWS)}"
    )
    args = parser.parse_args(argv)
    args.only = set(args.only.split(",")) if args.only else None
    if args.only and (unknown := args.only - set(ROWS)):
        parser.error(f"no such row: {', '.join(sorted(unknown))} (rows: {', '.join(ROWS)})")
    plan = dict(QUICK if args.quick else FULL)
    for name in plan:
        if getattr(args, name) is not None:
            plan[name] = getattr(args, name)
    plan["connections"] = [
        int(c) for c in (args.connections or ("10" if args.quick else "10,50")).split(",")
    ]
    args.plan = plan
    return args


def environment(workdir: Path, database_url: str) -> dict[str, str]:
    """Production settings (bench.settings is clinic.settings.prod plus a bare view), made
    to run on 127.0.0.1 over plain HTTP, with a database of the benchmark's own."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        # No mail leaves a benchmark: bookings queue theirs, and no mail worker runs.
        "EMAIL_NOT_SENT_OK": "1",
        # Rate limits that still cost their cache lookups and writes, as in production,
        # but that the load never reaches.
        "BOOKING_RATE_LIMIT": "1000000/m",
        "HOLD_RATE_LIMIT": "1000000/m",
        # Plain HTTP on 127.0.0.1: cookies without the Secure flag, or no client would
        # send the session back (production serves HTTPS and keeps the flag).
        "DJANGO_SECURE_COOKIES": "0",
        # As behind one reverse proxy: the booking row's patients each send their own
        # address (X-Forwarded-For), so that rate limits count them apart, as they would
        # count real patients; wrk sends no such header, so its client is 127.0.0.1.
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": database_url,
        "BENCH_STATIC_ROOT": str(workdir / "static"),
    }


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv=None) -> None:
    args = parse(argv)
    # Stopped from outside: still stop gunicorn and remove the temporary folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="clinic-bench-"))
    try:
        os.environ.update(environment(workdir, fresh_database_url(workdir)))
        django.setup()
        run(args, workdir)
    finally:
        if args.keep:
            say(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> None:
    from bench import data, inprocess, pages, report
    from bookings.models import Booking
    from clinic.clock import local_today

    plan, rng = args.plan, random.Random(args.seed)
    say(f"building the clinic ({args.practitioners} practitioners, {plan['bookings']} bookings)")
    data.build_clinic(practitioners=args.practitioners, rng=rng)
    today, month = local_today(), timedelta(days=30)
    last = today + timedelta(days=59)  # 90 days in all
    capacity = data.add_bookings(
        plan["bookings"] - Booking.objects.count(), today - month, last, rng
    )
    subjects = pages.subjects()
    endpoints = [
        e
        for e in pages.endpoints(subjects)
        if args.only is None or e.key == pages.BARE or e.key in args.only
    ]
    loader, load_rows, busy = serve_and_load(args, endpoints, workdir)
    say("in-process timings")
    small = inprocess.measure_all(endpoints, subjects, plan["calls"], args.only)
    sizes = {"small": Booking.objects.count()}
    say(f"adding {plan['history'] - sizes['small']} bookings in the past")
    data.add_history(plan["history"] - sizes["small"], today - month, rng, capacity / 90)
    sizes["large"] = Booking.objects.count()
    say("in-process timings again")
    large = inprocess.measure_all(endpoints, subjects, plan["calls"], args.only)
    result = {
        "machine": {**report.machine(loader, args.workers), "load_average": busy},
        "plan": plan,
        "bookings": sizes,
        "practitioners": args.practitioners,
        "pages": {e.key: e.path for e in endpoints},
        "load": load_rows,
        "in_process": report.in_process_rows(endpoints, small, large),
    }
    print(report.load_table(load_rows, endpoints) + "\n")
    print(report.in_process_table(result["in_process"], sizes) + "\n")
    report.write_json(result, args.out)
    say(f"wrote {args.out}")


def serve_and_load(args: argparse.Namespace, endpoints, workdir: Path):
    """gunicorn with production settings, each page loaded in turn; also the machine's
    load average before and after, since other work on the machine skews every number."""
    from django.core.management import call_command

    from bench import load
    from bench.booking import BookingLoad
    from bench.pages import BOOKING
    from bench.server import Gunicorn

    loader = load.choose_loader(args.loader)
    call_command("collectstatic", "--noinput", verbosity=0)
    busy = {"before": os.getloadavg()}
    if busy["before"][0] > (os.cpu_count() or 1):
        say(f"the machine is busy (load average {busy['before'][0]:.1f}): numbers will suffer")
    with Gunicorn(env=dict(os.environ), workers=args.workers, log=workdir / "gunicorn.log") as app:
        for endpoint in endpoints:
            if endpoint.key != BOOKING and (status := app.status(endpoint.path)) != 200:
                raise SystemExit(f"{endpoint.path} answered {status} through gunicorn.")
        say(f"loading each page with {loader}: {args.plan}")
        rows = load.load_all(
            app.base_url,
            endpoints,
            loader=loader,
            plan=args.plan,
            workdir=workdir,
            custom={BOOKING: BookingLoad(app.base_url, workdir)},
        )
    busy["after"] = os.getloadavg()
    return loader, rows, busy


if __name__ == "__main__":
    main()
