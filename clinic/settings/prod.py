"""Production: everything from the environment, secure unless switched off on purpose."""

from django.core.exceptions import ImproperlyConfigured

from clinic.mail import not_sent_problem
from clinic.settings import env
from clinic.settings.base import *  # noqa: F403
from clinic.settings.base import DEBUG, EMAIL_BACKEND, EMAIL_NOT_SENT_OK, SECRET_KEY

if not DEBUG and not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: set it to a long random string "
        "(or DJANGO_DEBUG=1 on a development machine)."
    )
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-never-used-in-production"

# Mail that is printed or dropped is mail a patient never gets (and, printed, names and
# manage links in the server's output): refuse it unless switched off on purpose.
if not_sent_problem(EMAIL_BACKEND) and not EMAIL_NOT_SENT_OK:
    raise ImproperlyConfigured(not_sent_problem(EMAIL_BACKEND))

SECURE_SSL_REDIRECT = env.flag("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.integer("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG
)
SECURE_HSTS_PRELOAD = env.flag("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.flag("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if env.flag("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
