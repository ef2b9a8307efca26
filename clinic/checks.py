"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
                id="clinic.W001",
            )
        ]
    return []
