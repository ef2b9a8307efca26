"""Load the demo clinic. Safe to run again: it updates what it made, duplicates nothing."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bookings import demo_data, screening, services
from bookings.courses.models import Course
from bookings.courses.selectors import propose_course
from bookings.models import Booking, Patient, Treatment
from bookings.selectors import free_starts_by_practitioner
from clinic import demo_seed
from clinic.clock import local_today
from clinic.models import Condition
from practitioners.models import Language, Practitioner, Registration, WorkingHours

# Demo-only credentials, printed for whoever is trying the project.
DEMO_USERS = {
    "manager": ("manager", "demo-manager-pass", "Clinic manager"),
    "reception": ("reception", "demo-reception-pass", "Reception"),
}
PRACTITIONER_PASSWORD = "demo-practitioner-pass"


class Command(BaseCommand):
    help = "Load the demo clinic: information pages, practitioners, treatments and logins."

    @transaction.atomic
    def handle(self, *args, **options):
        self.seed_content()
        self.seed_practitioners()
        self.seed_treatments()
        logins = self.seed_users()
        self.seed_holidays()
        self.seed_bookings()
        self.seed_courses()
        self.stdout.write(self.style.SUCCESS("Demo clinic ready."))
        for role, (username, password) in logins.items():
            self.stdout.write(f"  {role:<13} username: {username:<10} password: {password}")

    def seed_content(self):
        demo_seed.seed_content()

    def seed_practitioners(self):
        languages = {}
        for name, slug in demo_data.LANGUAGES:
            languages[slug], _ = Language.objects.update_or_create(
                slug=slug, defaults={"name": name}
            )
        conditions = {c.slug: c for c in Condition.objects.all()}
        for order, item in enumerate(demo_data.PRACTITIONERS):
            practitioner, _ = Practitioner.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "title": item["title"],
                    "title_note": item.get("title_note", ""),
                    "biography": item["biography"],
                    "qualifications": item["qualifications"],
                    "practising_since": item["practising_since"],
                    "order": order,
                    "is_listed": True,
                    "is_fictional": True,
                },
            )
            practitioner.registrations.all().delete()
            Registration.objects.bulk_create(
                Registration(practitioner=practitioner, **registration)
                for registration in item["registrations"]
            )
            practitioner.specialties.set([conditions[s] for s in item["specialties"]])
            practitioner.languages.set([languages[s] for s in item["languages"]])
            practitioner.working_hours.all().delete()
            WorkingHours.objects.bulk_create(
                WorkingHours(practitioner=practitioner, weekday=day, start=start, end=end)
                for day, start, end in item["hours"]
            )

    def seed_treatments(self):
        everyone = list(Practitioner.objects.all())
        for order, item in enumerate(demo_data.TREATMENTS):
            treatment, _ = Treatment.objects.update_or_create(
                slug=item["slug"], defaults={**item, "order": order, "is_active": True}
            )
            treatment.practitioners.set(everyone)

    def seed_users(self):
        User = get_user_model()
        logins = {}
        for username, password, group_name in DEMO_USERS.values():
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={"is_staff": True, "email": f"{username}@example.org"},
            )
            user.set_password(password)
            user.save()
            group = Group.objects.filter(name=group_name).first()
            if group:
                user.groups.set([group])
            logins[group_name] = (username, password)
        for item in demo_data.PRACTITIONERS:
            if "login" not in item:
                continue
            user, _ = User.objects.update_or_create(
                username=item["login"],
                defaults={"is_staff": False, "email": f"{item['login']}@example.org"},
            )
            user.set_password(PRACTITIONER_PASSWORD)
            user.save()
            Practitioner.objects.filter(slug=item["slug"]).update(user=user)
            logins["Practitioner"] = (item["login"], PRACTITIONER_PASSWORD)
        return logins

    def seed_holidays(self):
        """The clinic's public holidays as closures, before the diary is filled."""
        today = local_today()
        services.load_public_holidays(
            years=[today.year, today.year + 1],
            country=settings.CLINIC_COUNTRY,
            subdivision=settings.CLINIC_SUBDIVISION,
        )

    def seed_bookings(self):
        """A believable fortnight: past sessions to mark, and the coming week's diary."""
        if Booking.objects.filter(patient__email__endswith=demo_data.DEMO_PATIENT_DOMAIN).exists():
            return
        staff = get_user_model().objects.get(username="reception")
        patients = [
            Patient.objects.get_or_create(
                email=f"{first.lower()}.{last.lower()}{demo_data.DEMO_PATIENT_DOMAIN}",
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "phone": phone,
                    "date_of_birth": date.fromisoformat(born),
                },
            )[0]
            for first, last, phone, born in demo_data.PATIENTS
        ]
        treatments = list(Treatment.objects.order_by("order"))
        practitioners = list(Practitioner.objects.all())
        today = local_today()
        now = timezone.now()
        n = 0
        for offset in range(-5, 10):
            day = today + timedelta(days=offset)
            for practitioner in practitioners:
                treatment = treatments[n % len(treatments)]
                slots = free_starts_by_practitioner(
                    [practitioner], treatment, day, day, now - timedelta(days=30)
                )[practitioner.pk]
                for start in slots[::9][:3]:
                    answers = _screening(n)
                    booking = services.book(
                        practitioner=practitioner,
                        treatment=treatment,
                        start=start,
                        patient=patients[n % len(patients)],
                        screening_answers=answers,
                        consented=True,
                        created_by=staff,
                        notify=False,
                        now=now - timedelta(days=30),
                    )
                    if start < now:
                        status = Booking.Status.NO_SHOW if n % 7 == 0 else Booking.Status.ATTENDED
                        services.mark_attendance(booking=booking, status=status, by=staff)
                    n += 1

    def seed_courses(self):
        """Two courses under way with Hannah: one improving, one flagged for review."""
        if Course.objects.filter(patient__email__endswith=demo_data.DEMO_PATIENT_DOMAIN).exists():
            return
        staff = get_user_model().objects.get(username="reception")
        treatment = Treatment.objects.get(slug="follow-up")
        now = timezone.now()
        for spec in demo_data.COURSES:
            self.seed_course(spec, staff=staff, treatment=treatment, now=now)

    def seed_course(self, spec, *, staff, treatment, now):
        practitioner = Practitioner.objects.get(slug=spec["practitioner"])
        patient = Patient.objects.get(email=spec["patient"] + demo_data.DEMO_PATIENT_DOMAIN)
        first_day = local_today() - timedelta(weeks=spec["weeks_ago"])
        proposals = propose_course(
            practitioner=practitioner,
            treatment=treatment,
            first_day=first_day,
            weekday=spec["weekday"],
            at=spec["time"],
            count=6,
            rhythm="weekly",
            now=now - timedelta(days=30),
        )
        course = services.book_course(
            patient=patient,
            practitioner=practitioner,
            treatment=treatment,
            starts=[p.start for p in proposals if p.start],
            rhythm="weekly",
            weekday=spec["weekday"],
            preferred_time=spec["time"],
            created_by=staff,
            notify=False,
            now=now - timedelta(days=30),
        )
        services.set_activities(course=course, names=spec["activities"])
        past = [b for b in course.sessions.order_by("number") if b.booking.start < now]
        for session, scores in zip(past, spec["scores"], strict=False):
            services.mark_attendance(booking=session.booking, status=Booking.Status.ATTENDED)
            fields = ["pain_now", "pain_worst", "activity_1", "activity_2", "activity_3"]
            services.record_outcome(
                booking=session.booking,
                scores=dict(zip(fields, scores, strict=False)),
                recorded_by=practitioner.user,
            )


def _screening(n: int) -> dict[str, str]:
    """The n-th demo answers: "no" to every question unless the example says otherwise."""
    example = demo_data.SCREENING_EXAMPLES[n % len(demo_data.SCREENING_EXAMPLES)]
    if example is None:
        return {}
    asked = [*screening.WARNING_SIGNS, screening.NEW_EPISODE, *screening.CAUTIONS]
    return {**{q.key: "no" for q in asked}, **example}
