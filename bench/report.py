"""The results as Markdown tables (for the terminal and README) and as JSON (for comparing
one run with another)."""

import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
from pathlib import Path

import django
from django.db import connection

from bench.inprocess import made_afresh
from bench.pages import ENGINE_TASKS, Endpoint
from bench.server import ROOT


def machine(loader: str, workers: int) -> dict:
    return {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": f"{connection.vendor} {_database_version()}",
        "server": f"gunicorn {importlib.metadata.version('gunicorn')}, {workers} sync workers",
        "loader": _loader_version(loader),
        "commit": _git("rev-parse", "--short", "HEAD"),
    }


def _database_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "select sqlite_version()" if connection.vendor == "sqlite" else "show server_version"
        )
        return cursor.fetchone()[0]


def _loader_version(loader: str) -> str:
    if loader == "locust":
        return f"locust {importlib.metadata.version('locust')}"
    found = subprocess.run([shutil.which("wrk"), "-v"], capture_output=True, text=True)
    return (found.stdout or found.stderr).split(" [")[0].strip()


def _git(*args: str) -> str:
    try:
        found = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return ""
    return found.stdout.strip()


def in_process_rows(endpoints: list[Endpoint], small: dict, large: dict) -> list[dict]:
    labels = []
    for e in endpoints:
        labels.append((e.key, e.label))
        if made_afresh(e.key) in small:
            labels.append((made_afresh(e.key), f"{e.label}, made afresh (nothing cached)"))
    labels += [(key, label) for key, label, _task in ENGINE_TASKS if key in small]
    return [
        {
            "key": key,
            "label": label,
            "small": small[key],
            "large": large[key],
            "growth": round(large[key]["median_ms"] / small[key]["median_ms"], 2),
            "cpu_growth": round(large[key]["cpu_ms"] / max(small[key]["cpu_ms"], 0.001), 2),
        }
        for key, label in labels
    ]


def load_table(rows: list[dict], endpoints: list[Endpoint]) -> str:
    labels = {e.key: e.label for e in endpoints}
    lines = [
        "| page | connections | req/s | p50 ms | p99 ms | ratio to bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sorted(rows, key=lambda r: r["connections"]):
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        if row.get("taken"):
            errors += f" ({row['taken']} just taken)"
        lines.append(
            f"| {labels[row['key']]}{errors} | {row['connections']} | {row['rps']:.0f} "
            f"| {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['ratio']:.3f} |"
        )
    return "\n".join(lines)


def in_process_table(rows: list[dict], bookings: dict) -> str:
    small, large = f"{bookings['small']:,}", f"{bookings['large']:,}"
    lines = [
        f"| what | queries | transactions (writing) | ms, {small} | ms, {large} "
        f"| {large} / {small} | CPU ms, {small} | CPU ms, {large} | CPU {large} / {small} |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        s, g = row["small"], row["large"]
        queries = (
            f"{s['queries']}"
            if s["queries"] == g["queries"]
            else f"{s['queries']} / {g['queries']}"
        )
        lines.append(
            f"| {row['label']} | {queries} | {s['transactions']} ({s['writing']}) "
            f"| {s['median_ms']:.2f} | {g['median_ms']:.2f} "
            f"| {row['growth']:.2f}x | {s['cpu_ms']:.2f} | {g['cpu_ms']:.2f} "
            f"| {row['cpu_growth']:.2f}x |"
        )
    return "\n".join(lines)


def write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str) + "\n")
