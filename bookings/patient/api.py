"""GET /api/availability/: free start times as JSON (a stable interface, DESIGN.md)."""

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from bookings.patient.choices import AvailabilityQueryForm
from bookings.patient.common import browser_holder
from bookings.selectors import offers_by_day, practitioners_for
from clinic.page_cache import cached_for_visitors


@require_GET
@cached_for_visitors
def availability_api(request: HttpRequest) -> JsonResponse:
    """Free start times for one practitioner (or "any", narrowed by an optional condition)
    and service on one local date."""
    form = AvailabilityQueryForm(request.GET)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse(
            {"error": "Bad parameter: " + ", ".join(errors), "fields": errors}, status=400
        )
    d = form.cleaned_data
    practitioners = (
        [d["practitioner_obj"]]
        if d["practitioner_obj"]
        else practitioners_for(d["service"], d["condition"])[0]
    )
    # The browser's own held time is free to it, as on the page (other holds are busy).
    offers = offers_by_day(
        d["service"],
        practitioners,
        d["date"],
        d["date"],
        timezone.now(),
        exclude_holder=browser_holder(request),
    )[d["date"]]
    return JsonResponse(
        {
            "slots": [o.start.isoformat() for o in offers],
            # Who is free at each time (the first in directory order for "any").
            "offers": [
                {
                    "start": o.start.isoformat(),
                    "practitioner": o.practitioner.slug,
                    "practitioner_name": o.practitioner.name,
                }
                for o in offers
            ],
        }
    )
