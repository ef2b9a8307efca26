from django.utils import timezone

from clinic.clock import clinic_tz


class ClinicTimeZoneMiddleware:
    """Show every time in the clinic's time zone; storage stays UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with timezone.override(clinic_tz()):
            return self.get_response(request)
