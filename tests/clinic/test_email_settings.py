"""Production refuses mail that is never sent, and `check --deploy` says so; the
development backend says plainly that it sent nothing."""

import io

import pytest
from django.core import mail

from clinic.mail import DevelopmentConsoleBackend
from tests.clinic.test_settings_and_health import PRODUCTION, run

NOT_SENDING = [
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "clinic.mail.DevelopmentConsoleBackend",
]


@pytest.mark.parametrize("backend", NOT_SENDING)
def test_production_refuses_to_start_with_a_backend_that_sends_nothing(backend):
    result = run(["manage.py", "check"], {**PRODUCTION, "EMAIL_BACKEND": backend})

    assert result.returncode != 0
    assert (
        f"ImproperlyConfigured: EMAIL_BACKEND is {backend}, which sends no email: set "
        "EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST"
    ) in result.stderr
    assert "EMAIL_NOT_SENT_OK=1" in result.stderr


def test_production_without_any_email_setting_refuses_to_start():
    env = {k: v for k, v in PRODUCTION.items() if not k.startswith("EMAIL_")}

    result = run(["manage.py", "check"], env)

    assert result.returncode != 0
    assert "EMAIL_BACKEND is clinic.mail.DevelopmentConsoleBackend, which sends no email" in (
        result.stderr
    )


def test_the_deliberate_opt_out_starts_but_check_deploy_still_says_so():
    env = {**PRODUCTION, "EMAIL_BACKEND": NOT_SENDING[0], "EMAIL_NOT_SENT_OK": "1"}

    plain = run(["manage.py", "check"], env)
    deploy = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert plain.returncode == 0, plain.stderr
    assert deploy.returncode != 0
    assert (
        "(clinic.W001) EMAIL_BACKEND is django.core.mail.backends.console.EmailBackend: "
        "no patient gets any email (EMAIL_NOT_SENT_OK is set)."
    ) in deploy.stderr


def test_check_deploy_on_development_settings_names_the_email_backend():
    result = run(
        ["manage.py", "check", "--deploy"], {"DJANGO_SETTINGS_MODULE": "clinic.settings.dev"}
    )

    assert result.returncode != 0
    assert "(clinic.E001) EMAIL_BACKEND is clinic.mail.DevelopmentConsoleBackend" in result.stderr


def test_check_deploy_wants_an_https_site_url_for_links_in_emails():
    env = {**PRODUCTION, "SITE_URL": "http://127.0.0.1:8000"}

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode != 0
    assert "(clinic.W002) SITE_URL is http://127.0.0.1:8000" in result.stderr


def test_development_backend_prints_a_banner_and_sends_nothing():
    stream = io.StringIO()
    backend = DevelopmentConsoleBackend(stream=stream)

    sent = backend.send_messages(
        [mail.EmailMessage("Subject", "Body", "clinic@example.org", ["alex@example.org"])]
    )

    assert sent == 1
    assert stream.getvalue().startswith(
        "======== development only: this email was NOT sent; printed here for the developer"
    )
    assert "Subject: Subject" in stream.getvalue()
