from django.conf import settings


def clinic(request):
    """The clinic's own details, for the header, footer and emails."""
    return {
        "clinic": {
            "name": settings.CLINIC_NAME,
            "address": settings.CLINIC_ADDRESS,
            "phone": settings.CLINIC_PHONE,
            "email": settings.CLINIC_EMAIL,
        }
    }
