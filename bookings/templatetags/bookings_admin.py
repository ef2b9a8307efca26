from django import template

from bookings import screening

register = template.Library()


@register.filter
def caution_flags(booking):
    return "; ".join(screening.flags_for_keys(booking.caution_keys))


@register.filter
def is_booking(entry):
    """Day sheet entries are bookings or free gaps."""
    return hasattr(entry, "reference")
