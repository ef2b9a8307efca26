"""The benchmark end to end in its quick mode: its own SQLite database, gunicorn with
production settings, a real load generator on 127.0.0.1, and a JSON with every row."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "bare",
    "api_one",
    "api_any",
    "directory",
    "profile",
    "time_one",
    "time_any",
    "condition",
    "home",
    "booking_post",
}
ENGINE_TASKS = {"first_free_60", "first_free_60_cold", "next_free_50", "any_14"}
# Each page is also timed made afresh, with nothing cached.
MADE_AFRESH = {f"{page}_made" for page in PAGES - {"bare", "booking_post"}}


def test_quick_benchmark_measures_every_page_and_writes_the_json(tmp_path):
    out = tmp_path / "bench.json"
    # On SQLite whatever database the suite itself runs on; settings come from the bench.
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }

    finished = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,  # about a minute on a quiet machine; generous for a busy one
    )

    assert finished.returncode == 0, finished.stderr[-3000:]
    result = json.loads(out.read_text())
    # As built: the bookings the booking row made were deleted after each load.
    assert result["bookings"] == {"small": 2000, "large": 20000}
    assert result["machine"]["database"].startswith("sqlite")
    assert {row["key"] for row in result["load"]} == PAGES
    assert all(row["connections"] == 10 and row["rps"] > 0 for row in result["load"])
    assert all(row["errors"] == 0 for row in result["load"])
    # Every prepared patient had a time of their own: bookings made, none "just taken".
    booked = next(row for row in result["load"] if row["key"] == "booking_post")
    assert booked["taken"] == 0
    assert all(run["completed"] == run["requests"] > 0 for run in booked["runs"])
    assert next(row["ratio"] for row in result["load"] if row["key"] == "bare") == 1.0
    rows = {row["key"]: row for row in result["in_process"]}
    assert set(rows) == PAGES | ENGINE_TASKS | MADE_AFRESH
    # Served whole, a page costs the versions' one query; made afresh, it reads the diaries.
    assert rows["directory"]["small"]["queries"] == 1
    assert rows["directory_made"]["small"]["queries"] > 1
    assert rows["bare"]["small"]["queries"] == 0
    # As many queries with ten times the bookings (load_diaries's fixed few).
    assert rows["first_free_60"]["small"]["queries"] == rows["first_free_60"]["large"]["queries"]
    assert rows["first_free_60"]["small"]["queries"] > 0
    # One booking POST writes: the booking's own transaction at least.
    assert rows["booking_post"]["small"]["writing"] >= 1
    assert rows["booking_post"]["small"]["writes"] >= 2
    assert all(
        row["small"]["median_ms"] > 0 and row["large"]["cpu_ms"] > 0 for row in rows.values()
    )
    assert "| availability API, any practitioner | 10 |" in finished.stdout
    assert "| first free time in 60 days, one practitioner |" in finished.stdout
    assert "| completed bookings (POST only) | 10 |" in finished.stdout
