"""gunicorn as in production (sync workers, clinic.wsgi), on 127.0.0.1 only."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """Started on entry, stopped (by its own process id) on exit."""

    def __init__(self, *, env: dict, workers: int, log: Path):
        self.env, self.workers, self.log = env, workers, log
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "clinic.wsgi"]
        command += ["--workers", str(self.workers), "--worker-class", "sync"]
        command += ["--bind", f"127.0.0.1:{self.port}"]
        self._log = self.log.open("w")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start; see {self.log}")
            if self.status("/bench-bare/") == 200:
                return
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {READY_SECONDS} s; see {self.log}")

    def status(self, path: str) -> int | None:
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
