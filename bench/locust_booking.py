"""locust's side of the "completed bookings" row: each simulated patient takes the next
prepared patient (BENCH_PREPARED: cookies, address and a details form, each for its own
held time) and posts the form, without pause, until the run ends or none is left. Every POST's start,
duration and status go to BENCH_SAMPLES when locust quits; the benchmark sorts them into
bookings made, "just taken" answers and errors."""

import json
import os
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, events, task

PREPARED = json.loads(Path(os.environ["BENCH_PREPARED"]).read_text())
PREPARED.reverse()  # pop() takes them in the order given: spread over practitioners
SAMPLES: list[list] = []
IN_FLIGHT = {"posts": 0}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Patient(FastHttpUser):
    @task
    def book(self):
        if not PREPARED:
            # None left: end the run once every patient's POST has its answer.
            if IN_FLIGHT["posts"] == 0:
                self.environment.runner.quit()
            gevent.sleep(0.05)
            return
        patient = PREPARED.pop()
        self.client.cookiejar.clear()  # this patient's browser, not the previous one's
        IN_FLIGHT["posts"] += 1
        started = time.time()
        with self.client.post(
            "/book/details/",
            data=patient["body"],
            headers={
                **FORM,
                "Cookie": patient["cookie"],
                "X-Forwarded-For": patient["address"],
            },
            allow_redirects=False,
            name="booking_post",
            catch_response=True,
        ) as response:
            SAMPLES.append([started, time.time() - started, response.status_code])
            IN_FLIGHT["posts"] -= 1
            response.success()  # the benchmark judges the outcome from the status


@events.quitting.add_listener
def _write_samples(environment, **_kwargs):
    Path(os.environ["BENCH_SAMPLES"]).write_text(json.dumps(SAMPLES))
