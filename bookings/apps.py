from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"

    def ready(self):
        # Every write that changes a diary gives it a new version (cached free times).
        from bookings import diary_versions
        from bookings.models import DiaryVersion
        from clinic import page_cache

        diary_versions.connect()
        # Pages kept for visitors show free times: they are kept under these versions too.
        page_cache.also_depends_on(DiaryVersion.objects.values_list("key", "version"))
