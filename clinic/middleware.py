from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone

from clinic.clock import clinic_tz
from clinic.views import refused_request

NUL = "\x00"
# An active session's expiry is pushed on at most this often: the idle limit holds to
# within five minutes, and opening a page is not a database write every time.
SESSION_REFRESH_SECONDS = 5 * 60
SESSION_REFRESHED_KEY = "_refreshed_at"


class PermissionsPolicyMiddleware:
    """Send Permissions-Policy on every response (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _contains_nul(request) -> bool:
    if NUL in request.path_info or NUL in request.path:
        return True
    for data in (request.GET, request.POST, request.COOKIES):
        items = data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items())
        for key, values in items:
            if NUL in key or any(NUL in value for value in values):
                return True
    headers = (v for k, v in request.META.items() if k.startswith("HTTP_"))
    return any(isinstance(value, str) and NUL in value for value in headers)


class RejectNulBytesMiddleware:
    """Answer 400 to any request with a NUL byte in its path, query, form, cookies or headers.

    PostgreSQL cannot hold NUL in text, not even to compare it, so a NUL reaching any lookup
    (a manage reference, a feed token, a filter, the admin's search, the login lockout's
    record) was a 500 there; no person types one. Refusing it once, here, covers every
    parameter present and future.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _contains_nul(request):
            reason = "Part of that address or form contained a character we cannot accept"
            if request.path_info.startswith("/api/"):
                # The API's callers read JSON, errors included (a stable interface).
                return JsonResponse({"error": f"Bad parameter: {reason}."}, status=400)
            return refused_request(request, reason=reason)
        return self.get_response(request)


class SessionIdleTimeoutMiddleware:
    """End a sign-in after SESSION_COOKIE_AGE of inactivity rather than that long after login.

    Django sets a session's expiry when it saves it. Saving a session that is in use every
    few minutes moves its expiry on, so a sign-in ends a working day after the last page
    opened, not while someone is at work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            now = int(timezone.now().timestamp())
            session = request.session
            # An empty session (a stale cookie) is left alone rather than saved anew.
            stale = session.get(SESSION_REFRESHED_KEY, 0) <= now - SESSION_REFRESH_SECONDS
            if stale and session.keys():
                session[SESSION_REFRESHED_KEY] = now
        return self.get_response(request)


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
