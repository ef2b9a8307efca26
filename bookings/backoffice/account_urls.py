"""Account pages the site words and throttles itself; Django's own serve the rest (they
come after these in clinic.urls)."""

from django.urls import path

from bookings.backoffice.accounts import PasswordResetView

urlpatterns = [path("password_reset/", PasswordResetView.as_view(), name="password_reset")]
