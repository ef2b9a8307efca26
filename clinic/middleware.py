from django.utils import timezone

from clinic.clock import clinic_tz


class ClinicTimeZoneMiddleware:
    """Show every time in the clinic's time zone; storage stays UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with timezone.override(clinic_tz()):
            return self.get_response(request)


class AdminInlineStylesMiddleware:
    """Let the Django admin keep its inline style attributes under our CSP.

    The admin's autocomplete widget (select2) sizes itself with style="width: ..."; under
    style-src 'self' it renders zero-wide and staff cannot pick a patient. Only the admin,
    which only signed-in staff reach, gets 'unsafe-inline' styles; scripts stay 'self'.
    Must sit after csp.middleware.CSPMiddleware so it marks the response first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response
