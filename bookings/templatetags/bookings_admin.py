from django import template

register = template.Library()


@register.filter
def caution_flags(booking):
    """Everything the practitioner must see before needling, on one line."""
    return "; ".join(booking.screening_flags)


@register.filter
def is_booking(entry):
    """Day sheet entries are bookings or free gaps."""
    return hasattr(entry, "reference")
