"""The admin site itself: the clinic's name and the index page's dashboard."""

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.backoffice.selectors import dashboard


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic administration"
    site_title = "Clinic admin"
    index_template = "admin/clinic_index.html"

    def index(self, request: HttpRequest, extra_context: dict | None = None) -> TemplateResponse:
        extra = dict(extra_context or {})
        if request.user.has_perm("bookings.view_booking"):
            extra["dash"] = dashboard(timezone.now())
        return super().index(request, extra)
