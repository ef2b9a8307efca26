"""The back office's own pages beside the admin's lists: the day sheet and the week."""

from datetime import timedelta

from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.backoffice.selectors import day_sheet, with_waiting
from bookings.forms import DateQueryForm
from clinic.clock import local_today, week_days
from practitioners.models import Practitioner


def _page(request: HttpRequest, model_admin: ModelAdmin, template: str, **context):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        **context,
    }
    return TemplateResponse(request, template, context)


def day_sheet_page(request: HttpRequest, model_admin: ModelAdmin) -> TemplateResponse:
    """Every practitioner working that day, with bookings and free gaps: for the front desk."""
    day = DateQueryForm.parse(request.GET, default=local_today())
    return _page(
        request,
        model_admin,
        "admin/bookings/day_sheet.html",
        title=f"Day sheet: {day:%A %d %B %Y}",
        day=day,
        prev_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1),
        columns=with_waiting(day_sheet(day), local_today()),
        now=timezone.now(),
    )


def week_page(request: HttpRequest, model_admin: ModelAdmin) -> TemplateResponse:
    """One practitioner's week, day by day."""
    day = DateQueryForm.parse(request.GET, default=local_today())
    practitioners = Practitioner.objects.all()
    chosen = (
        practitioners.filter(slug=request.GET.get("practitioner", "")).first()
        or practitioners.first()
    )
    days = week_days(day)
    return _page(
        request,
        model_admin,
        "admin/bookings/week.html",
        title=f"Week of {days[0]:%d %B %Y}" + (f": {chosen.name}" if chosen else ""),
        practitioners=practitioners,
        chosen=chosen,
        days=[(d, day_sheet(d, [chosen]) if chosen else []) for d in days],
        prev_week=days[0] - timedelta(days=7),
        next_week=days[0] + timedelta(days=7),
        monday=days[0],
        now=timezone.now(),
    )
