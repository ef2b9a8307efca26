from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bookings import services
from bookings.services.closures import region_name
from clinic.clock import local_today


class Command(BaseCommand):
    help = (
        "Add the public holidays of CLINIC_COUNTRY / CLINIC_SUBDIVISION as clinic closures "
        "(this year and next unless --year is given). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", dest="years", help="A year to load; repeatable."
        )

    def handle(self, *args, years=None, **options):
        today = local_today()
        years = sorted(set(years or [today.year, today.year + 1]))
        try:
            added = services.load_public_holidays(
                years=years,
                country=settings.CLINIC_COUNTRY,
                subdivision=settings.CLINIC_SUBDIVISION,
            )
        except services.BookingError as error:
            raise CommandError(str(error)) from error
        region = region_name(settings.CLINIC_COUNTRY, settings.CLINIC_SUBDIVISION)
        self.stdout.write(
            f"{len(added)} public holidays added for {region} ({', '.join(map(str, years))})."
        )
