"""What the back office reads: the day sheet and the admin index's figures."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from bookings import availability
from bookings.availability import Interval
from bookings.courses.selectors import attach_course_info
from bookings.diaries import load_diaries
from bookings.models import Booking, Hold
from bookings.waitlist.selectors import waiting_counts
from clinic.clock import day_range, local_date
from practitioners.models import Practitioner


@dataclass(frozen=True)
class HeldTime:
    """A time someone is holding, online or for a waiting-list offer, until `expires_at`:
    on the sheet it is neither booked nor free (booking it by hand would be refused)."""

    start: datetime
    end: datetime
    blocked_until: datetime
    expires_at: datetime
    for_offer: bool


@dataclass
class SheetColumn:
    """One practitioner's day on the day sheet: bookings, held times and free gaps, in time
    order."""

    practitioner: Practitioner
    working: list[Interval]
    entries: list  # Booking, HeldTime or Interval (a free gap), sorted by start
    waiting: int = 0  # people on the waiting list who could see this practitioner


def day_sheet(day: date, practitioners=None) -> list[SheetColumn]:
    """Every practitioner working or booked on a local day, in a fixed number of queries."""
    practitioners = list(practitioners if practitioners is not None else Practitioner.objects.all())
    diaries = load_diaries([p.pk for p in practitioners], day, day)
    start, end = day_range(day, day)
    bookings = list(
        Booking.objects.active()
        .filter(practitioner__in=practitioners, start__gte=start, start__lt=end)
        .select_related("patient", "treatment")
    )
    attach_course_info(bookings)
    by_practitioner = defaultdict(list)
    for b in bookings:
        by_practitioner[b.practitioner_id].append(b)
    held = _held_times(practitioners, start, end)
    columns = []
    for p in practitioners:
        diary, booked = diaries[p.pk], by_practitioner[p.pk]
        if not diary.working and not booked:
            continue
        busy = [Interval(b.start, b.blocked_until) for b in booked] + diary.unavailable
        busy += [Interval(h.start, h.blocked_until) for h in held[p.pk]]
        gaps = [
            g
            for g in availability.subtract(diary.working, busy)
            if g.end - g.start >= timedelta(minutes=15)
        ]
        entries = sorted([*booked, *held[p.pk], *gaps], key=lambda e: e.start)
        columns.append(SheetColumn(p, diary.working, entries))
    return columns


def _held_times(practitioners, start: datetime, end: datetime) -> dict[int, list[HeldTime]]:
    """Each practitioner's times held now between `start` and `end`, in one query."""
    held = defaultdict(list)
    holds = (
        Hold.objects.filter(practitioner__in=practitioners)
        .unexpired(timezone.now())
        .overlapping(start, end)
    )
    for h in holds:
        held[h.practitioner_id].append(
            HeldTime(h.start, h.end, h.blocked_until, h.expires_at, h.offer_id is not None)
        )
    return held


def with_waiting(columns: list[SheetColumn], today: date) -> list[SheetColumn]:
    """The day sheet's columns with how many people wait for each practitioner."""
    counts = waiting_counts([c.practitioner for c in columns], today)
    for column in columns:
        column.waiting = counts[column.practitioner.pk]
    return columns


def dashboard(now: datetime) -> dict:
    """The figures on the admin index: today, this week, screening flags, no-show rate."""
    today = local_date(now)
    today_start, today_end = day_range(today, today)
    active = Booking.objects.active().select_related("patient", "practitioner", "treatment")
    recent = Booking.objects.filter(start__gte=now - timedelta(days=30), start__lt=now).aggregate(
        attended=Count("pk", filter=Q(status=Booking.Status.ATTENDED)),
        no_show=Count("pk", filter=Q(status=Booking.Status.NO_SHOW)),
    )
    marked = recent["attended"] + recent["no_show"]
    return {
        "today": list(active.filter(start__gte=today_start, start__lt=today_end).order_by("start")),
        "week_count": active.filter(
            start__gte=today_start, start__lt=today_start + timedelta(days=7)
        ).count(),
        "flagged": list(active.filter(start__gte=now, needs_attention=True).order_by("start")[:10]),
        "no_show_rate": round(100 * recent["no_show"] / marked) if marked else None,
        "attended_30d": recent["attended"],
        "no_show_30d": recent["no_show"],
    }
