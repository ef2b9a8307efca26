"""The test suite: fast hashing, mail kept in memory, a file-backed SQLite test database."""

from clinic.settings.base import *  # noqa: F403
from clinic.settings.base import BASE_DIR, DATABASES

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
# A file, not :memory:, so threads of a live server (the concurrency tests) share it
# through real SQLite locking, as production processes would.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files straight from the apps, as runserver does, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Generous limits so the suite's own traffic is never throttled; tests of the limits
# themselves lower them with override_settings.
BOOKING_RATE_LIMIT = "10000/m"
SIGNIN_LINK_RATE_LIMIT = "10000/m"
PASSWORD_RESET_RATE_LIMIT = "10000/m"
PASSWORD_RESET_ACCOUNT_RATE_LIMIT = "10000/m"
