from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic site"

    def ready(self):
        from clinic import checks  # noqa: F401  (registers the deploy checks)


class ClinicAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the site that asks for a second factor (clinic.admin_site)."""

    default_site = "clinic.admin_site.ClinicAdminSite"
    default = False
