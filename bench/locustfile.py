"""locust's side of the benchmark, used where wrk is not installed: each simulated user
asks for one page (BENCH_PATH) again and again, without pause."""

import os

from locust import FastHttpUser, task


class Visitor(FastHttpUser):
    path = os.environ.get("BENCH_PATH", "/bench-bare/")

    @task
    def page(self):
        self.client.get(self.path, name="page")
