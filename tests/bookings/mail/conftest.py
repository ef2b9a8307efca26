"""Mail servers on this machine for the email tests: one that works, one that never answers.

Mail goes over real SMTP (aiosmtpd), as in production; only the server is fake.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collect:
    """Keeps every message it is given. While `hold` is set it keeps the message but
    gives no answer, like a server that has the message when the sender dies."""

    def __init__(self):
        self.envelopes = []
        self.delay = 0.0
        self.hold = threading.Event()
        self.held = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        while self.hold.is_set():
            self.held.set()
            await asyncio.sleep(0.05)
        await asyncio.sleep(self.delay)
        return "250 OK"

    def message_ids(self):
        return [message_from_bytes(e.content)["Message-ID"] for e in self.envelopes]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server, with Django's SMTP backend pointed at it."""
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_TIMEOUT = 5
    yield controller, handler
    handler.hold.clear()
    controller.stop()


class Silent:
    """Takes connections and never says a word: a mail server that has hung."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.setblocking(False)
        self.port = self.socket.getsockname()[1]
        self.accepted = []

    def connections(self) -> int:
        # Connections wait in the listen queue until accepted; count them all.
        while True:
            try:
                self.accepted.append(self.socket.accept()[0])
            except BlockingIOError:
                return len(self.accepted)


@pytest.fixture
def silent_mail_server(settings):
    server = Silent()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 3
    yield server
    for conn in server.accepted:
        conn.close()
    server.socket.close()


def database_url():
    """The test database, as a URL another process can open."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """`manage.py deliver_mail` in its own process, as systemd or bin/demo runs it."""

    def __init__(self, smtp_port, *args, timeout=5):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="clinic.settings.dev",
            DJANGO_DEBUG="0",
            DATABASE_URL=database_url(),
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            EMAIL_TIMEOUT=str(timeout),
            PYTHONUNBUFFERED="1",
        )
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "deliver_mail", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.first_line = self.process.stdout.readline()

    def stop(self, signum=signal.SIGTERM, timeout=30):
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, self.first_line + out, err

    def kill(self):
        self.process.kill()
        self.process.communicate(timeout=30)


@pytest.fixture
def start_worker():
    workers = []

    def start(smtp_port, *args, **kwargs):
        workers.append(Worker(smtp_port, *args, **kwargs))
        return workers[-1]

    yield start
    for worker in workers:
        if worker.process.poll() is None:
            worker.kill()


def wait_for(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)
