"""What the holds and the waiting list read: a browser's hold, who could see a person on
the list, the free times that suit them, and how many wait for each practitioner."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.conf import settings

from bookings.models import Hold, Treatment, WaitlistEntry, WaitlistOffer
from bookings.selectors import bookable_practitioners, free_starts_by_practitioner
from bookings.waitlist import matching
from clinic.clock import clinic_tz, local_date
from practitioners.models import Practitioner


def held_by(holder: str | None, now: datetime) -> Hold | None:
    """The holder's unexpired hold, if any."""
    if not holder:
        return None
    return (
        Hold.objects.unexpired(now)
        .filter(holder=holder)
        .select_related("practitioner", "treatment")
        .first()
    )


def last_day_for(entry: WaitlistEntry, now: datetime) -> date:
    """Their last date, or the last bookable day (the horizon) if that comes first."""
    return min(entry.until, local_date(now) + timedelta(days=settings.BOOKING_HORIZON_DAYS))


class FreeTimes:
    """Free starts per treatment and practitioner, and candidates per treatment and
    condition, read once per waiting-list pass and forgotten for a practitioner whose
    diary the pass has just changed."""

    def __init__(self, now: datetime, last_day: date):
        self.now, self.first_day, self.last_day = now, local_date(now), last_day
        self._starts: dict[tuple[int, int], list[datetime]] = {}
        self._candidates: dict[tuple[int, int | None, int | None], list[Practitioner]] = {}

    def starts(self, treatment: Treatment, practitioner: Practitioner) -> list[datetime]:
        key = (treatment.pk, practitioner.pk)
        if key not in self._starts:
            self._starts[key] = free_starts_by_practitioner(
                [practitioner], treatment, self.first_day, self.last_day, self.now
            )[practitioner.pk]
        return self._starts[key]

    def forget(self, practitioner: Practitioner) -> None:
        for key in [k for k in self._starts if k[1] == practitioner.pk]:
            del self._starts[key]

    def candidates(self, entry: WaitlistEntry) -> list[Practitioner]:
        key = (entry.treatment_id, entry.practitioner_id, entry.condition_id)
        if key not in self._candidates:
            self._candidates[key] = candidates(entry)
        return self._candidates[key]


def candidates(entry: WaitlistEntry) -> list[Practitioner]:
    """Who could see them, in directory order: the practitioner they named, or anyone
    offering the treatment online with an interest in their condition (everyone
    offering it when nobody lists that condition, as the booking flow does)."""
    offering = bookable_practitioners(entry.treatment)
    if entry.practitioner_id:
        return list(offering.filter(pk=entry.practitioner_id))
    if entry.condition_id:
        specialists = list(offering.filter(specialties=entry.condition_id))
        if specialists:
            return specialists
    return list(offering)


def suitable_times(
    entry: WaitlistEntry, free: FreeTimes
) -> Iterator[tuple[Practitioner, datetime]]:
    """Free times that suit this person and were never offered to them, earliest first."""
    offered = set(entry.offers.values_list("practitioner_id", "start"))
    ranges, tz = entry.ranges, clinic_tz()
    last_day = last_day_for(entry, free.now)
    found = []
    for order, practitioner in enumerate(free.candidates(entry)):
        for start in free.starts(entry.treatment, practitioner):
            if (practitioner.pk, start) in offered:
                continue
            if matching.suits(start.astimezone(tz), ranges, last_day):
                found.append((start, order, practitioner))
    for start, _, practitioner in sorted(found, key=lambda item: item[:2]):
        yield practitioner, start


def waiting_entries(today: date) -> list[WaitlistEntry]:
    """Everyone still waiting with no offer open, in the order they joined."""
    return list(
        WaitlistEntry.objects.waiting(today)
        .exclude(offers__status=WaitlistOffer.Status.PENDING)
        .select_related("treatment", "practitioner", "condition")
        .order_by("joined_at", "pk")
    )


def waiting_counts(practitioners: list[Practitioner], today: date) -> dict[int, int]:
    """How many people wait for each practitioner: those who named them, and those who
    would see anyone offering their treatment. Two queries, however long the list."""
    entries = list(
        WaitlistEntry.objects.waiting(today).values_list("practitioner_id", "treatment_id")
    )
    offering = defaultdict(set)
    for treatment_id, practitioner_id in Treatment.practitioners.through.objects.values_list(
        "treatment_id", "practitioner_id"
    ):
        offering[treatment_id].add(practitioner_id)
    counts = dict.fromkeys((p.pk for p in practitioners), 0)
    for named, treatment_id in entries:
        for pk in ({named} if named else offering[treatment_id]) & counts.keys():
            counts[pk] += 1
    return counts


def free_times_for(
    entry: WaitlistEntry, now: datetime, days: int
) -> list[tuple[Practitioner, datetime, bool]]:
    """Every free time over the next `days` with whoever could see this person, and
    whether it suits them: for staff offering a time by hand."""
    last_day = min(local_date(now) + timedelta(days=days - 1), last_day_for(entry, now))
    free = FreeTimes(now, last_day)
    ranges, tz = entry.ranges, clinic_tz()
    found = [
        (start, order, practitioner, matching.suits(start.astimezone(tz), ranges, last_day))
        for order, practitioner in enumerate(free.candidates(entry))
        for start in free.starts(entry.treatment, practitioner)
    ]
    return [(p, start, suits) for start, _, p, suits in sorted(found, key=lambda f: f[:2])]
