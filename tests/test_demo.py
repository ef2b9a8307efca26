"""`bin/demo` as a developer runs it: server and mail worker together, on any port."""

import http.cookiejar
import os
import re
import signal
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.bookings.mail.conftest import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
BANNER = "development only: this email was NOT sent"


def start_demo(tmp_path, port):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "EMAIL_", "SITE_URL", "DATABASE_URL"))
    }
    env.update(
        DEMO_ADDRESS=f"127.0.0.1:{port}",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        PYTHONUNBUFFERED="1",
    )
    process = subprocess.Popen(
        ["bash", "bin/demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal
    )
    output = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    return process, reader, output


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def ask_for_sign_in_link(base, email):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with opener.open(base + "/my-bookings/", timeout=30) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "email": email})
    request = urllib.request.Request(
        base + "/my-bookings/", data=body.encode(), headers={"Referer": base + "/my-bookings/"}
    )
    started = time.perf_counter()
    with opener.open(request, timeout=30) as response:
        assert response.status == 200
    return time.perf_counter() - started


def group_is_gone(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_demo_on_another_port_delivers_mail_with_links_to_that_port_and_stops_cleanly(
    tmp_path,
):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process, reader, output = start_demo(tmp_path, port)
    try:
        wait_for(lambda: answers(base + "/") or process.poll() is not None, timeout=240)
        assert process.poll() is None, "".join(output)

        took = ask_for_sign_in_link(base, "amira.haddad@patients.example.org")
        wait_for(lambda: f"{base}/my-bookings/" in "".join(output), timeout=10)

        printed = "".join(output)
        assert took < 2
        assert f"The demo clinic is at {base} " in printed
        assert BANNER in printed
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C in the terminal
        process.wait(timeout=30)
        wait_for(lambda: group_is_gone(process.pid), timeout=30)
        assert "Stopped: 1 sent." in "".join(output)
    finally:
        if not group_is_gone(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        reader.join(timeout=30)
        process.stdout.close()
