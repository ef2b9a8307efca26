from datetime import date, time
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from bookings import screening
from bookings.models import AccessToken, Booking, ClinicClosure, Patient, Treatment
from clinic.models import Condition, FAQEntry, InfoPage, Source
from practitioners.models import Language, Practitioner, Registration, TimeOff, WorkingHours


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pass-word-123")


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition

    name = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.Sequence(lambda n: f"condition-{n}")
    summary = "A short summary."
    body = "What the condition is."
    how_acupuncture_may_help = "What acupuncture may do."
    reviewed_on = date(2026, 11, 1)
    reviewed_by = "A. Reviewer, clinical lead"
    next_review_due = date(2027, 11, 1)


class InfoPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoPage

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "A page summary."
    body = "Page body."
    reviewed_on = date(2026, 11, 1)
    reviewed_by = "A. Reviewer, clinical lead"
    next_review_due = date(2027, 11, 1)


class FAQEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQEntry

    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Language {n}")
    slug = factory.Sequence(lambda n: f"language-{n}")


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner

    name = factory.Sequence(lambda n: f"Practitioner {n}")
    slug = factory.Sequence(lambda n: f"practitioner-{n}")
    title = "Acupuncturist, MBAcC"
    biography = "Biography."
    qualifications = "BSc Acupuncture\nMSc Pain"
    practising_since = 2010


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    practitioner = factory.SubFactory(PractitionerFactory)
    body = "British Acupuncture Council (BAcC)"
    kind = Registration.Kind.ACCREDITED
    number = factory.Sequence(lambda n: f"BAC-{n:05d}")
    check_url = "https://acupuncture.org.uk/find-an-acupuncturist/"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source {n}")
    publisher = "NICE"
    year = 2016


class WorkingHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingHours

    practitioner = factory.SubFactory(PractitionerFactory)
    weekday = 0
    start = time(9)
    end = time(17)


class TimeOffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeOff

    practitioner = factory.SubFactory(PractitionerFactory)


class TreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treatment

    name = factory.Sequence(lambda n: f"Treatment {n}")
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    description = "A treatment."
    duration_minutes = 45
    buffer_minutes = 15
    price = Decimal("55.00")


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    first_name = factory.Sequence(lambda n: f"Pat{n}")
    last_name = "Example"
    email = factory.Sequence(lambda n: f"patient{n}@example.org")
    phone = "07700 900123"
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking row written directly, for arranging state; the code under test books
    through bookings.services."""

    class Meta:
        model = Booking

    patient = factory.SubFactory(PatientFactory)
    given_first_name = factory.LazyAttribute(lambda b: b.patient.first_name if b.patient else "")
    given_last_name = factory.LazyAttribute(lambda b: b.patient.last_name if b.patient else "")
    given_email = factory.LazyAttribute(lambda b: b.patient.email if b.patient else "")
    given_phone = factory.LazyAttribute(lambda b: b.patient.phone if b.patient else "")
    given_date_of_birth = factory.LazyAttribute(
        lambda b: b.patient.date_of_birth if b.patient else None
    )
    practitioner = factory.SubFactory(PractitionerFactory)
    treatment = factory.SubFactory(TreatmentFactory)
    end = factory.LazyAttribute(lambda b: b.start + b.treatment.duration)
    blocked_until = factory.LazyAttribute(lambda b: b.end + b.treatment.buffer)
    screening_version = screening.VERSION
    # A patient who answered "no" to every question (new bookings store strings).
    screening_answers = factory.LazyFunction(
        lambda: {
            q.key: "no"
            for q in [*screening.WARNING_SIGNS, screening.NEW_EPISODE, *screening.CAUTIONS]
        }
    )


def manage_link(booking: Booking) -> str:
    """A working manage link for a booking arranged in a test, as an email would carry."""
    secret = AccessToken.objects.issue(AccessToken.Purpose.MANAGE, booking=booking)
    return booking.manage_url(secret)


def manage_secret(booking: Booking) -> str:
    return AccessToken.objects.issue(AccessToken.Purpose.MANAGE, booking=booking)


class ClinicClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicClosure

    name = "Bank holiday"
    end_date = factory.LazyAttribute(lambda c: c.start_date)
