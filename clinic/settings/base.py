"""Settings shared by every environment. Values that vary come from clinic.settings.env."""

from pathlib import Path

import dj_database_url

from clinic.settings import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env.flag("DJANGO_DEBUG", default=False)
SECRET_KEY = env.text("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.items("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.items("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "bookings.backoffice.apps.ClinicAdminConfig",  # django.contrib.admin with the clinic's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "clinic",
    "practitioners",
    "bookings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "clinic.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything that looks a value up in the database (the session included).
    "clinic.middleware.RejectNulBytesMiddleware",
    "clinic.middleware.SessionIdleTimeoutMiddleware",
    "clinic.middleware.AdminInlineStylesMiddleware",
    "clinic.middleware.ClinicTimeZoneMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.clinic",
            ],
        },
    },
]

# SQLite by default, so trying the project needs nothing installed. IMMEDIATE transactions
# make concurrent writers queue for the write lock instead of failing half-way through.
# WAL lets readers go on while one process writes, and with synchronous=NORMAL a commit
# waits for the log, not for every page (still durable across an application crash).
# Connections are kept between requests on both databases (DATABASE_CONN_MAX_AGE).
DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env.integer("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache is shared by every app process, which the login lockout and the rate
# limits need (one table, no extra service). Whole pages for visitors (clinic/page_cache.py)
# and diary copies (bookings/diaries.py) are each process's own; the least recently used go.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "clinic_cache",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": env.integer("PAGE_CACHE_ENTRIES", 1000)},
    },
}
DIARY_CACHE_ENTRIES = env.integer("DIARY_CACHE_ENTRIES", 5000)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "schedule:today"

LANGUAGE_CODE = "en-gb"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# The wall clock patients and staff read; storage stays in UTC.
CLINIC_TIME_ZONE = env.text("CLINIC_TIME_ZONE", "Europe/London")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.text("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Only the mail worker (`manage.py deliver_mail`) uses the backend; requests queue mail.
# The default prints to the terminal and sends nothing: production refuses it.
EMAIL_BACKEND = env.text("EMAIL_BACKEND", "clinic.mail.DevelopmentConsoleBackend")
# Production runs with a backend that sends nothing only when this says so on purpose.
EMAIL_NOT_SENT_OK = env.flag("EMAIL_NOT_SENT_OK", default=False)
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.flag("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "Northfield Back Clinic <bookings@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# How often the mail worker looks for queued mail.
EMAIL_WORKER_INTERVAL_SECONDS = env.integer("EMAIL_WORKER_INTERVAL_SECONDS", 2)

# What the site says about the clinic itself.
CLINIC_NAME = env.text("CLINIC_NAME", "Northfield Back Clinic")
CLINIC_ADDRESS = env.text("CLINIC_ADDRESS", "12 Orchard Lane, Northfield, NF1 2AB")
CLINIC_PHONE = env.text("CLINIC_PHONE", "01632 960 123")
CLINIC_EMAIL = env.text("CLINIC_EMAIL", "hello@example.org")
# Whose public holidays close the clinic (`manage.py load_public_holidays`): an ISO 3166
# country code and, optionally, a subdivision as the `holidays` package names them.
CLINIC_COUNTRY = env.text("CLINIC_COUNTRY", "GB")
CLINIC_SUBDIVISION = env.text("CLINIC_SUBDIVISION", "ENG")
# Where emails link back to, since mail is sent outside any request.
SITE_URL = env.text("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Booking rules (DESIGN.md, "Booking rules").
BOOKING_SLOT_STEP_MINUTES = env.integer("BOOKING_SLOT_STEP_MINUTES", 15)
BOOKING_MIN_NOTICE_HOURS = env.integer("BOOKING_MIN_NOTICE_HOURS", 2)
BOOKING_HORIZON_DAYS = env.integer("BOOKING_HORIZON_DAYS", 60)
CANCELLATION_NOTICE_HOURS = env.integer("CANCELLATION_NOTICE_HOURS", 24)
REMINDER_HOURS_BEFORE = env.integer("REMINDER_HOURS_BEFORE", 24)
# After this many attended sessions, a course whose pain has not meaningfully improved is
# flagged for review on the schedule and the day sheet.
COURSE_REVIEW_AFTER_SESSIONS = env.integer("COURSE_REVIEW_AFTER_SESSIONS", 4)
BOOKING_RATE_LIMIT = env.text("BOOKING_RATE_LIMIT", "20/h")
# Practitioners on each page of the directory; the next free time is worked out for
# those shown, so this bounds the directory's cost however many practitioners are listed.
DIRECTORY_PAGE_SIZE = 12
# Holds and the waiting list (README, "Holds and the waiting list").
HOLD_MINUTES = env.integer("HOLD_MINUTES", 10)
HOLD_RATE_LIMIT = env.text("HOLD_RATE_LIMIT", "60/h")
OFFER_MINUTES = env.integer("OFFER_MINUTES", 30)
OFFER_SOON_MINUTES = env.integer("OFFER_SOON_MINUTES", 10)
OFFER_SOON_HOURS = env.integer("OFFER_SOON_HOURS", 24)
WAITLIST_INTERVAL_SECONDS = env.integer("WAITLIST_INTERVAL_SECONDS", 30)
SIGNIN_LINK_RATE_LIMIT = env.text("SIGNIN_LINK_RATE_LIMIT", "5/h")
# Password reset: per client, and per account whichever client asks.
PASSWORD_RESET_RATE_LIMIT = env.text("PASSWORD_RESET_RATE_LIMIT", "5/h")
PASSWORD_RESET_ACCOUNT_RATE_LIMIT = env.text("PASSWORD_RESET_ACCOUNT_RATE_LIMIT", "3/h")
RATELIMIT_VIEW = "clinic.views.rate_limited"

# How many reverse proxies stand between the internet and the app (nginx, a load
# balancer...). 0: the client is REMOTE_ADDR. N: the client is the N-th address from the
# right of X-Forwarded-For, which only those proxies wrote (clinic.client_ip).
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0)
RATELIMIT_IP_META_KEY = "clinic.client_ip.client_ip"
AXES_CLIENT_IP_CALLABLE = "clinic.client_ip.client_ip"

# How long personal data is kept (the privacy notice shows these; `manage.py
# apply_retention` applies them): patient records after their last appointment, and
# messages that are not about a booking (sign-in links, password resets).
RECORD_RETENTION_YEARS = env.integer("RECORD_RETENTION_YEARS", 8)
LINK_EMAIL_RETENTION_DAYS = env.integer("LINK_EMAIL_RETENTION_DAYS", 30)

# Calendar feed privacy: "first_name" (default) or "full_name" in event titles.
SCHEDULE_FEED_PATIENT_DETAIL = env.text("SCHEDULE_FEED_PATIENT_DETAIL", "first_name")

# Admin login brute-force protection (django-axes).
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env.integer("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# A sign-in lasts a working day of inactivity, not Django's two weeks: each request pushes
# the expiry on (clinic.middleware.SessionIdleTimeoutMiddleware).
SESSION_COOKIE_AGE = env.integer("SESSION_IDLE_HOURS", 10) * 60 * 60
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Browser features no page of ours uses, switched off for every page and anything framed in
# one (clinic.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Second factor (django-otp, TOTP): required in the admin for these groups, for superusers
# and for anyone who has set up an authenticator app (reception may opt in).
# The group names of bookings/backoffice/roles.py (settings import no app code; a test
# checks they agree).
TWO_FACTOR_REQUIRED_GROUPS = ["Clinic manager"]
OTP_TOTP_ISSUER = CLINIC_NAME

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies and addresses must not reach the logs; Django's own request
        # logger only logs the path and status, which is fine.
        "django.db.backends": {"level": "WARNING"},
    },
}

# A strict Content-Security-Policy (django-csp): no inline script or style on our pages,
# nothing loaded from another origin. The admin's own pages keep working under it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
}
