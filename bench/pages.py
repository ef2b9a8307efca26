"""What is measured: the site's pages under load and in-process, and the engine's own
questions (first free time, any practitioner) in-process."""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.utils import timezone

from bookings import availability
from bookings.diaries import cached_diaries, store
from bookings.models import Treatment
from bookings.selectors import next_free_times, slot_rules
from clinic.clock import local_date
from clinic.models import Condition
from practitioners.models import Practitioner

BARE = "bare"
BOOKING = "booking_post"


@dataclass(frozen=True)
class Endpoint:
    key: str  # the row's name in the JSON
    label: str  # the row's name in the table
    path: str


@dataclass(frozen=True)
class Subjects:
    """Who and what the pages are asked about: the first practitioner in directory order,
    the first treatment they offer, a weekday they work, the first condition."""

    practitioner: Practitioner
    treatment: Treatment
    day: date
    condition: Condition


def subjects() -> Subjects:
    practitioner = Practitioner.objects.listed().order_by("order", "name").first()
    treatment = Treatment.objects.active().filter(practitioners=practitioner).first()
    weekdays = set(practitioner.working_hours.values_list("weekday", flat=True))
    day = local_date(timezone.now()) + timedelta(days=2)
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    condition = Condition.objects.published().first()
    return Subjects(practitioner, treatment, day, condition)


def endpoints(s: Subjects) -> list[Endpoint]:
    """The pages of issue 12's table, the bare view first, the booking POST last."""
    one, service = s.practitioner.slug, s.treatment.slug

    def api(who):
        return "/api/availability/?" + urlencode(
            {"practitioner": who, "service": service, "date": s.day.isoformat()}
        )

    def time_page(who):
        return "/book/time/?" + urlencode({"treatment": service, "practitioner": who})

    return [
        Endpoint(BARE, "bare Django view (the yardstick)", "/bench-bare/"),
        Endpoint("api_one", "availability API, one practitioner", api(one)),
        Endpoint("api_any", "availability API, any practitioner", api("any")),
        Endpoint("directory", "directory /practitioners/", "/practitioners/"),
        Endpoint("profile", "practitioner profile", f"/practitioners/{one}/"),
        Endpoint("time_one", '"choose a time", one practitioner', time_page(one)),
        Endpoint("time_any", '"choose a time", any practitioner', time_page("any")),
        Endpoint("condition", "condition page", f"/conditions/{s.condition.slug}/"),
        Endpoint("home", "home", "/"),
        # Loaded by bench.booking (prepared patients, locust), not as a GET.
        Endpoint(BOOKING, "completed bookings (POST only)", "/book/details/"),
    ]


def first_free_in_60_days(s: Subjects):
    """The first free time for one practitioner in the next 60 days, as the pages find it:
    the diary through the cache (one query once cached), then the engine's sweep, which
    stops at the first free start."""
    return next_free_times([s.practitioner], s.treatment, timezone.now(), days=60)


def first_free_in_60_days_uncached(s: Subjects):
    """The same with no diary cached: what the first request after a change pays."""
    store.clear()
    return first_free_in_60_days(s)


def any_practitioner_14_days(s: Subjects):
    """Every free time over 14 days with who is free then, for every practitioner who
    offers the treatment: the diaries through the cache, then free_slots_for_any."""
    now = timezone.now()
    today = local_date(now)
    ids = list(s.treatment.practitioners.listed().values_list("pk", flat=True))
    diaries = cached_diaries(ids, today, today + timedelta(days=13), now=now)
    return availability.free_slots_for_any(diaries, rules=slot_rules(s.treatment, now))


def next_free_for_directory(s: Subjects):
    """Each listed practitioner's next free time over 14 days for the treatment (what the
    directory shows, for all 50 at once rather than a page of them)."""
    practitioners = list(s.treatment.practitioners.listed())
    return next_free_times(practitioners, s.treatment, timezone.now())


# In-process only: (key, label, function of Subjects).
ENGINE_TASKS = [
    ("first_free_60", "first free time in 60 days, one practitioner", first_free_in_60_days),
    (
        "first_free_60_cold",
        "the same, nothing cached (the first request after a change)",
        first_free_in_60_days_uncached,
    ),
    ("next_free_50", "next free time of each practitioner, 14 days", next_free_for_directory),
    ("any_14", "every free time in 14 days, any practitioner", any_practitioner_14_days),
]
