"""A developer's machine and the demo clinic: debug on, no HTTPS, mail to the console."""

from clinic.settings import env
from clinic.settings.base import *  # noqa: F403

DEBUG = env.flag("DJANGO_DEBUG", default=True)
SECRET_KEY = env.text("DJANGO_SECRET_KEY", "insecure-development-key-never-used-in-production")
ALLOWED_HOSTS = env.items("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
