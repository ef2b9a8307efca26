from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"

    def ready(self):
        # Every write that changes a diary gives it a new version (cached free times).
        from bookings import diary_versions

        diary_versions.connect()
