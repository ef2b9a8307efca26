from django.conf import settings


def clinic_details() -> dict:
    """Who the clinic is, from settings alone: usable when the database is not."""
    return {
        "name": settings.CLINIC_NAME,
        "address": settings.CLINIC_ADDRESS,
        "phone": settings.CLINIC_PHONE,
        "email": settings.CLINIC_EMAIL,
    }


def clinic(request):
    """The clinic's own details, for the header, footer and emails."""
    return {
        "clinic": clinic_details(),
        "cancellation_notice_hours": settings.CANCELLATION_NOTICE_HOURS,
        "clinic_time_zone": settings.CLINIC_TIME_ZONE,
    }
