from django import template

register = template.Library()


@register.filter
def caution_flags(booking):
    """Everything the practitioner must see before needling, on one line."""
    return "; ".join(booking.screening_flags)


@register.filter
def is_booking(entry):
    """Day sheet entries are bookings, held times or free gaps."""
    return hasattr(entry, "reference")


@register.filter
def is_held(entry):
    """A HeldTime (bookings/backoffice/selectors.py): a time kept until it expires."""
    return hasattr(entry, "expires_at")
