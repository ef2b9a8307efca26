from django import template
from django.utils import timezone

from bookings import screening
from bookings.selectors import dashboard

register = template.Library()


@register.simple_tag
def clinic_dashboard():
    return dashboard(timezone.now())


@register.filter
def caution_flags(booking):
    return "; ".join(screening.flags_for_keys(booking.caution_keys))


@register.filter
def is_booking(entry):
    """Day sheet entries are bookings or free gaps."""
    return hasattr(entry, "reference")
