"""The clinic's wall clock. Storage is UTC; people read times in CLINIC_TIME_ZONE."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def clinic_tz() -> ZoneInfo:
    return ZoneInfo(settings.CLINIC_TIME_ZONE)


def local_today() -> date:
    return timezone.now().astimezone(clinic_tz()).date()


def local_date(moment: datetime) -> date:
    return moment.astimezone(clinic_tz()).date()


def day_start(day: date) -> datetime:
    """Local midnight starting `day`, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=clinic_tz())


def day_range(first: date, last: date) -> tuple[datetime, datetime]:
    """From local midnight starting `first` to local midnight ending `last`."""
    return day_start(first), day_start(last + timedelta(days=1))


def week_days(day: date) -> list[date]:
    """Monday to Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]
