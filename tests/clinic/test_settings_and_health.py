"""Production settings and the health check, run in fresh processes as a server would."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "clinic.settings.prod",
    "DJANGO_SECRET_KEY": "k3y-for-tests-only-6b1f0d9c2a4e8f7b5d3c1a9e8f7b6d5c4a3b2c1d0e9f8a7b",
    "DJANGO_ALLOWED_HOSTS": "clinic.example.org",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
    "SITE_URL": "https://clinic.example.org",
}


def run(args, env_changes, drop=()):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in drop and not k.startswith(("DJANGO_", "EMAIL_", "SITE_URL"))
    }
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}

    result = run(["manage.py", "check"], env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_check_deploy_is_clean_with_secret_key_and_hosts():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_behind_a_proxy_with_no_proxy_counted():
    behind = {**PRODUCTION, "DJANGO_BEHIND_PROXY": "1"}

    uncounted = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], behind)
    counted = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {**behind, "TRUSTED_PROXY_COUNT": "1"},
    )

    assert uncounted.returncode != 0
    assert "clinic.W003" in uncounted.stderr + uncounted.stdout
    assert counted.returncode == 0, counted.stdout + counted.stderr


def test_debug_is_off_unless_set_to_1():
    script = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)"

    off = run(["-c", script], PRODUCTION)
    on = run(["-c", script], {**PRODUCTION, "DJANGO_DEBUG": "1"})

    assert off.stdout.split() == ["False", "True", "True", "31536000"]
    assert on.stdout.split() == ["True", "False", "False", "0"]


def test_healthz_answers_503_when_the_database_is_unreachable():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='clinic.example.org', secure=True);"
        "print(r.status_code, r.json()['status'])"
    )
    unreachable = "postgres://postgres@127.0.0.1:9/none"  # port 9: nothing listens

    result = run(["-c", script], {**PRODUCTION, "DATABASE_URL": unreachable})

    assert result.stdout.split() == ["503", "unavailable"], result.stderr[-2000:]


UNREACHABLE = "postgres://postgres@127.0.0.1:9/none"  # port 9: nothing listens


def page_script(path, session_cookie=False):
    """Fetch one page in a fresh process and print its status, Retry-After and body.

    Pages link their CSS through the static files manifest, which collectstatic writes on a
    server; here the files are found without it.
    """
    return (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.test import Client, override_settings;"
        "storage = {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'};"
        "override_settings(STORAGES={**settings.STORAGES, 'staticfiles': storage}).enable();"
        "c = Client(raise_request_exception=False);"
        + ("c.cookies['sessionid'] = 'x' * 32;" if session_cookie else "")
        + f"r = c.get({path!r}, HTTP_HOST='clinic.example.org', secure=True);"
        "print(r.status_code, r.get('Retry-After'));"
        "print(r.content.decode())"
    )


def test_database_outage_shows_a_friendly_503_with_the_clinic_phone():
    result = run(
        ["-c", page_script("/practitioners/")],
        {**PRODUCTION, "DATABASE_URL": UNREACHABLE, "CLINIC_PHONE": "01632 960 999"},
    )

    status, _, page = result.stdout.partition("\n")
    assert status.split() == ["503", "60"], result.stderr[-2000:]
    assert "having trouble" in page
    assert "01632 960 999" in page


def test_database_outage_while_signed_in_is_a_503_too():
    # The session is read from the database before any view runs.
    result = run(
        ["-c", page_script("/schedule/", session_cookie=True)],
        {**PRODUCTION, "DATABASE_URL": UNREACHABLE},
    )

    assert result.stdout.split()[:2] == ["503", "60"], result.stderr[-2000:]


class DatabaseDoor:
    """A TCP port that forwards to the real PostgreSQL server once opened: the database
    'comes back' at the address the app was given, as after a restart."""

    def __init__(self, target_port):
        self.target_port = target_port
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.server = None
        self.sockets = []

    def open(self):
        self.server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            DatabaseDoor._hang_up(sink)

    @staticmethod
    def _hang_up(sock):
        # shutdown, not just close: another thread is blocked reading this socket, and
        # close alone would not end the connection while it is.
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def close(self):
        if self.server:
            self.server.close()
        for sock in self.sockets:
            self._hang_up(sock)


def wait_for_other_sessions_to_leave(connection):
    """The test database is dropped at the end of the run; PostgreSQL refuses while the
    app process's session, ended by closing its socket, is still being cleaned up."""
    for _ in range(50):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.1)


# One long-lived app process, as a gunicorn worker is: it fetches each path read from stdin.
SERVE_SCRIPT = """
import sys
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": storage}).enable()
client = Client(raise_request_exception=False)
for line in sys.stdin:
    r = client.get(line.strip(), HTTP_HOST="clinic.example.org", secure=True)
    print(r.status_code, flush=True)
"""


@pytest.mark.django_db
def test_the_site_recovers_by_itself_when_the_database_returns():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs a PostgreSQL server to stand in for the outage and the return")
    db = connection.settings_dict
    door = DatabaseDoor(int(db["PORT"] or 5432))
    url = f"postgres://{db['USER']}@127.0.0.1:{door.port}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({**PRODUCTION, "DATABASE_URL": url})
    app = subprocess.Popen(
        [sys.executable, "-c", SERVE_SCRIPT],
        cwd=ROOT,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )

    def fetch(path):
        app.stdin.write(path + "\n")
        app.stdin.flush()
        return app.stdout.readline().strip()

    try:
        during = [fetch("/practitioners/"), fetch("/healthz")]
        door.open()
        after = [fetch("/practitioners/"), fetch("/healthz")]
    finally:
        app.kill()
        app.communicate()
        door.close()
        wait_for_other_sessions_to_leave(connection)

    assert during == ["503", "503"]
    assert after == ["200", "200"]


def test_the_second_factor_is_required_of_the_manager_role_by_its_real_name():
    from django.conf import settings

    from bookings.backoffice.roles import CLINIC_MANAGER

    assert settings.TWO_FACTOR_REQUIRED_GROUPS == [CLINIC_MANAGER]
