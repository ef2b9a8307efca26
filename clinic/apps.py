from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic site"

    def ready(self):
        from clinic import (
            checks,  # noqa: F401  (registers the system checks)
            page_cache,
        )

        # Every write to what the public pages say gives them a new version.
        page_cache.connect()
