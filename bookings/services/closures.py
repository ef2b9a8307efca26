"""Clinic closures that come from outside: the public holidays of the clinic's country and
region, from the maintained `holidays` package. Loaded rows are ordinary closures, which
staff edit or delete in the admin like any other."""

from collections.abc import Iterable

import holidays
from django.db import transaction

from bookings.models import ClinicClosure
from bookings.services.errors import BookingError


def region_name(country: str, subdivision: str) -> str:
    return f"{country}-{subdivision}" if subdivision else country


def load_public_holidays(
    *, years: Iterable[int], country: str, subdivision: str = ""
) -> list[ClinicClosure]:
    """Add each public holiday of these years as a one-day closure, unless a closure already
    covers that day (so loading twice adds nothing and staff closures stay as they are).
    Returns the closures added."""
    years = sorted(set(years))
    try:
        calendar = holidays.country_holidays(country, subdiv=subdivision or None, years=years)
    except NotImplementedError as error:
        raise BookingError(
            f"No public holidays are known for {region_name(country, subdivision)}: "
            f"check CLINIC_COUNTRY and CLINIC_SUBDIVISION ({error})."
        ) from error
    added = []
    with transaction.atomic():
        for day, name in sorted(calendar.items()):
            if ClinicClosure.objects.filter(start_date__lte=day, end_date__gte=day).exists():
                continue
            added.append(
                ClinicClosure.objects.create(name=name[:100], start_date=day, end_date=day)
            )
    return added
