"""`manage.py check --deploy` says what production would refuse or regret."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from clinic.mail import OPT_OUT, not_sent_problem

SMTP_HINT = "Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST."


@register("email", deploy=True)
def email_is_really_sent(app_configs, **kwargs):
    problem = not_sent_problem(settings.EMAIL_BACKEND)
    if not problem:
        return []
    if settings.EMAIL_NOT_SENT_OK:
        message = f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: no patient gets any email"
        return [Warning(f"{message} ({OPT_OUT} is set).", hint=SMTP_HINT, id="clinic.W001")]
    return [Error(problem, id="clinic.E001")]


@register("email", deploy=True)
def email_links_are_public_and_encrypted(app_configs, **kwargs):
    # Manage and sign-in links carry a secret: over plain HTTP anyone on the way reads it.
    url = urlsplit(settings.SITE_URL)
    if url.scheme == "https" and url.hostname not in {None, "localhost", "127.0.0.1", "::1"}:
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL}: links in emails must use the site's public "
            "https:// address.",
            hint="Set SITE_URL, e.g. SITE_URL=https://clinic.example.org.",
            id="clinic.W002",
        )
    ]


@register(Tags.security, deploy=True)
def proxy_count_matches_proxy(app_configs, **kwargs):
    """Behind a proxy with no proxy counted, every visitor has the proxy's address: one
    visitor's rate limit or login lockout would stop everyone."""
    behind_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None
    if behind_proxy and settings.TRUSTED_PROXY_COUNT < 1:
        return [
            Warning(
                "DJANGO_BEHIND_PROXY is on but TRUSTED_PROXY_COUNT is 0, so every visitor "
                "shares the proxy's address for rate limits and login lockouts.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of the app "
                "(1 for a single nginx or Caddy).",
                id="clinic.W003",
            )
        ]
    return []
