from django.contrib.admin.apps import AdminConfig


class ClinicAdminConfig(AdminConfig):
    """Django's admin, with the clinic's site (its index shows the day's figures)."""

    default_site = "bookings.backoffice.site.ClinicAdminSite"
