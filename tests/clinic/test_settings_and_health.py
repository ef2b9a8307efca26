"""Production settings and the health check, run in fresh processes as a server would."""

import os
import subprocess
import sys
from pathlib import Path

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
