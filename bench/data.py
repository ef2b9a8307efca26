"""The benchmark's clinic: the demo clinic grown to 50 practitioners, 20,000 bookings over
90 days (a month back, two months ahead), then to 200,000 with the extra ones in the past.

Rows are written with bulk_create for speed. Every booking sits inside its practitioner's
working hours and no two of a practitioner's bookings overlap (the PostgreSQL exclusion
constraint would refuse them), so the pages see a believable, busy diary.
"""

import bisect
import io
import math
import random
from datetime import date, time, timedelta

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from bookings import diary_versions, screening
from bookings.availability import WeeklyHours, working_intervals
from bookings.models import Booking, Patient, Treatment
from clinic.clock import clinic_tz, day_range
from clinic.models import Condition
from practitioners.models import Language, Practitioner, Registration, WorkingHours

# Demo logins are hashed once each; the fast hasher keeps that out of the build's time.
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PATIENTS = 2000
GAPS_MINUTES = [0, 0, 15, 30, 45]  # between one booking's buffer and the next booking
BATCH = 2000


def build_clinic(*, practitioners: int, rng: random.Random) -> None:
    """A migrated database with the demo clinic (and its few bookings), `practitioners` in
    all and the patients the bookings below are for."""
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        call_command("seed_demo", stdout=io.StringIO())
    with transaction.atomic():
        _add_practitioners(practitioners - Practitioner.objects.count(), rng)
        Patient.objects.bulk_create(
            Patient(
                first_name=f"Bench{n}",
                last_name="Patient",
                email=f"bench{n}@example.org",
                phone="07700 900000",
                date_of_birth=date(1950, 1, 1) + timedelta(days=9 * n),
            )
            for n in range(PATIENTS)
        )


def _add_practitioners(count: int, rng: random.Random) -> None:
    template = Practitioner.objects.order_by("order").first()
    added = Practitioner.objects.bulk_create(
        Practitioner(
            name=f"Bench Practitioner {n}",
            slug=f"bench-practitioner-{n}",
            title=template.title,
            biography=template.biography,
            qualifications=template.qualifications,
            is_fictional=True,
            practising_since=2000 + n % 20,
            order=100 + n,
        )
        for n in range(count)
    )
    registration = template.registrations.first()
    Registration.objects.bulk_create(
        Registration(
            practitioner=p,
            body=registration.body,
            kind=registration.kind,
            number=f"BENCH-{p.pk:05d}",
            check_url=registration.check_url,
        )
        for p in added
    )
    conditions, languages = list(Condition.objects.all()), list(Language.objects.all())
    Specialty, Speaks = Practitioner.specialties.through, Practitioner.languages.through
    Offers = Treatment.practitioners.through
    Specialty.objects.bulk_create(
        Specialty(practitioner=p, condition=c) for p in added for c in rng.sample(conditions, 3)
    )
    Speaks.objects.bulk_create(
        Speaks(practitioner=p, language=lang) for p in added for lang in rng.sample(languages, 2)
    )
    Offers.objects.bulk_create(
        Offers(practitioner=p, treatment=t) for p in added for t in Treatment.objects.all()
    )
    WorkingHours.objects.bulk_create(hours for n, p in enumerate(added) for hours in _week(n, p))


def _week(n: int, practitioner: Practitioner) -> list[WorkingHours]:
    """Monday to Saturday, ten hours a day; every fourth practitioner takes a lunch hour,
    so some days have two stretches of work."""
    first = 8 + n % 2
    stretches = [(first, 0, first + 10, 0)]
    if n % 4 == 0:
        stretches = [(first, 0, first + 4, 30), (first + 5, 30, first + 10, 0)]
    return [
        WorkingHours(
            practitioner=practitioner,
            weekday=day,
            start=time(h1, m1),
            end=time(h2, m2),
        )
        for day in range(6)
        for h1, m1, h2, m2 in stretches
    ]


def add_bookings(count: int, first_day: date, last_day: date, rng: random.Random) -> int:
    """`count` bookings between two local dates, spread evenly over every practitioner's
    free time. Returns how many the diaries could have held (their capacity)."""
    candidates = _candidates(first_day, last_day, rng)
    if len(candidates) < count:
        raise SystemExit(f"{count} bookings do not fit in {first_day} to {last_day}.")
    _write(rng.sample(candidates, count), rng)
    return len(candidates)


def add_history(count: int, before: date, rng: random.Random, per_day: float) -> None:
    """`count` bookings in the days before `before`, going back as far as they need
    (`per_day` is roughly how many the whole clinic holds in a day)."""
    days = math.ceil(count / per_day * 1.3) + 1
    candidates = []
    while len(candidates) < count:
        candidates = _candidates(before - timedelta(days=days), before - timedelta(days=1), rng)
        days *= 2
    _write(rng.sample(candidates, count), rng)


def _write(chosen: list[tuple], rng: random.Random) -> None:
    chosen.sort(key=lambda row: row[2])
    patients = list(
        Patient.objects.filter(email__startswith="bench").values_list(
            "pk", "first_name", "last_name", "email", "phone", "date_of_birth"
        )
    )
    number = Booking.objects.count()
    now = timezone.now()
    with transaction.atomic():
        for offset in range(0, len(chosen), BATCH):
            Booking.objects.bulk_create(
                _booking(number + offset + i, row, patients, now, rng)
                for i, row in enumerate(chosen[offset : offset + BATCH])
            )
        # bulk_create sends no signal: say which diaries changed, as any such writer must.
        diary_versions.mark_changed({row[0] for row in chosen})


def _candidates(first_day: date, last_day: date, rng: random.Random) -> list[tuple]:
    """Every booking the diaries could hold: sessions one after another through each
    stretch of working hours, each of a random treatment, with a short random gap."""
    treatments = list(Treatment.objects.active())
    hours: dict[int, list[WeeklyHours]] = {}
    for row in WorkingHours.objects.all():
        hours.setdefault(row.practitioner_id, []).append(
            WeeklyHours(row.weekday, row.start, row.end, row.valid_from, row.valid_until)
        )
    gaps = [timedelta(minutes=m) for m in GAPS_MINUTES]
    taken = _taken(first_day, last_day)
    candidates = []
    for practitioner_id, rules in hours.items():
        for window in working_intervals(rules, first_day, last_day, clinic_tz()):
            cursor = window.start + rng.choice(gaps)
            while True:
                treatment = rng.choice(treatments)
                end = cursor + treatment.duration
                if end > window.end:
                    break
                if _is_free(taken.get(practitioner_id, []), cursor, end + treatment.buffer):
                    candidates.append((practitioner_id, treatment, cursor, end))
                cursor = end + treatment.buffer + rng.choice(gaps)
    return candidates


def _taken(first_day: date, last_day: date) -> dict[int, list[tuple]]:
    """The blocked ranges of the bookings already there (the demo's), per practitioner,
    in order: what generated bookings must keep clear of."""
    start, end = day_range(first_day, last_day)
    taken: dict[int, list[tuple]] = {}
    for practitioner_id, b_start, b_until in (
        Booking.objects.active()
        .filter(start__lt=end + timedelta(days=1), blocked_until__gt=start)
        .values_list("practitioner_id", "start", "blocked_until")
    ):
        taken.setdefault(practitioner_id, []).append((b_start, b_until))
    return {pk: sorted(ranges) for pk, ranges in taken.items()}


def _is_free(taken: list[tuple], start, until) -> bool:
    # Booked ranges never overlap each other, so only the last one starting before
    # `until` can reach into [start, until).
    before = bisect.bisect_left(taken, (until,))
    return before == 0 or taken[before - 1][1] <= start


def _booking(number, row, patients, now, rng) -> Booking:
    practitioner_id, treatment, start, end = row
    patient_id, first_name, last_name, email, phone, born = patients[number % len(patients)]
    roll = rng.random()
    if start >= now:
        status = Booking.Status.CANCELLED if roll < 0.03 else Booking.Status.CONFIRMED
    else:
        status = (
            Booking.Status.CANCELLED
            if roll < 0.05
            else Booking.Status.NO_SHOW
            if roll < 0.1
            else Booking.Status.ATTENDED
        )
    return Booking(
        reference=f"BENCH{number:07d}",
        patient_id=patient_id,
        given_first_name=first_name,
        given_last_name=last_name,
        given_email=email,
        given_phone=phone,
        given_date_of_birth=born,
        practitioner_id=practitioner_id,
        treatment=treatment,
        start=start,
        end=end,
        blocked_until=end + treatment.buffer,
        status=status,
        screening_version=screening.VERSION,
        consented_at=start - timedelta(days=3),
        cancelled_at=start - timedelta(days=1) if status == Booking.Status.CANCELLED else None,
    )
