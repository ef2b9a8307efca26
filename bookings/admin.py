"""Django's admin autodiscovery imports `<app>.admin`; the back office lives in
`bookings/backoffice/`."""

from bookings.backoffice import admin  # noqa: F401
