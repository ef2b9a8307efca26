"""Load on 127.0.0.1, bounded in time: wrk when it is installed, else locust.

Each repeat loads the bare view and then every page, one after another, at each number of
connections; a page's ratio is its requests per second over the bare view's in the same
repeat, so a busier or quieter moment of the machine affects both alike.
"""

import csv
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit, urlunsplit

from bench.pages import BARE, Endpoint

HERE = Path(__file__).resolve().parent
GRACE_SECONDS = 30  # beyond the load's own duration, before the load generator is killed

# wrk calls done() once at the end: one line the benchmark reads back.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


def choose_loader(wanted: str) -> str:
    if wanted in ("auto", "wrk") and shutil.which("wrk"):
        return "wrk"
    if wanted in ("auto", "locust") and importlib.util.find_spec("locust"):
        return "locust"
    raise SystemExit(
        f"No load generator ({wanted}): install wrk (apt-get install wrk) or "
        "locust (pip install -r requirements-dev.txt)."
    )


def run_wrk(url: str, connections: int, seconds: int, workdir: Path) -> dict:
    script = workdir / "report.lua"
    script.write_text(WRK_REPORT)
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
    command += ["--timeout", "10s", "-s", str(script), url]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + GRACE_SECONDS
    ).stdout
    line = next(row for row in output.splitlines() if row.startswith("BENCH "))
    requests, duration_us, errors, bad_status, p50_us, p99_us = map(int, line.split()[1:])
    return {
        "rps": round(requests / (duration_us / 1e6), 1),
        "p50_ms": p50_us / 1000,
        "p99_ms": p99_us / 1000,
        "requests": requests,
        "errors": errors + bad_status,
    }


def run_locust(url: str, connections: int, seconds: int, workdir: Path) -> dict:
    parts = urlsplit(url)
    base, path = f"{parts.scheme}://{parts.netloc}", urlunsplit(("", "", *parts[2:]))
    prefix = workdir / "locust"
    command = [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless"]
    command += ["-u", str(connections), "-r", str(connections), "--run-time", f"{seconds}s"]
    command += ["--host", base, "--csv", str(prefix), "--only-summary", "--stop-timeout", "1"]
    command += ["--loglevel", "WARNING"]
    env = {**os.environ, "BENCH_PATH": path}
    subprocess.run(
        command, capture_output=True, check=False, env=env, timeout=seconds + GRACE_SECONDS
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    return {
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p99_ms": float(total["99%"]),
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
    }


def load_all(
    base_url: str,
    endpoints: list[Endpoint],
    *,
    loader: str,
    plan: dict,
    workdir: Path,
    custom: dict[str, Callable[[int, int], dict]] | None = None,
) -> list[dict]:
    """One row per page and number of connections: medians over the repeats. A page in
    `custom` is loaded by its own function of (connections, seconds) instead of a GET."""
    run = run_wrk if loader == "wrk" else run_locust
    custom = custom or {}
    samples: dict[tuple[str, int], list[dict]] = {}
    for _repeat in range(plan["repeats"]):
        for connections in plan["connections"]:
            for endpoint in endpoints:
                if endpoint.key in custom:
                    result = custom[endpoint.key](connections, plan["seconds"])
                else:
                    result = run(base_url + endpoint.path, connections, plan["seconds"], workdir)
                samples.setdefault((endpoint.key, connections), []).append(result)
    rows = []
    for (key, connections), runs in samples.items():
        bare = samples[(BARE, connections)]
        rows.append(
            {
                "key": key,
                "connections": connections,
                "rps": median(r["rps"] for r in runs),
                "p50_ms": median(r["p50_ms"] for r in runs),
                "p99_ms": median(r["p99_ms"] for r in runs),
                "ratio": round(
                    median(r["rps"] / b["rps"] for r, b in zip(runs, bare, strict=True)), 3
                ),
                "errors": sum(r["errors"] for r in runs),
                **({"taken": sum(r["taken"] for r in runs)} if "taken" in runs[0] else {}),
                "runs": runs,
            }
        )
    return rows
