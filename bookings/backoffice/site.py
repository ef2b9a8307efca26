"""The admin site itself: the clinic's name and the index page's dashboard, on top of the
site that asks for a second factor (clinic.admin_site)."""

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.backoffice.selectors import dashboard
from clinic.admin_site import ClinicAdminSite as SecondFactorAdminSite


class ClinicAdminSite(SecondFactorAdminSite):
    site_header = "Clinic administration"
    site_title = "Clinic admin"
    index_template = "admin/clinic_index.html"

    def index(self, request: HttpRequest, extra_context: dict | None = None) -> TemplateResponse:
        extra = dict(extra_context or {})
        if request.user.has_perm("bookings.view_booking"):
            extra["dash"] = dashboard(timezone.now())
        return super().index(request, extra)
