"""The booking operations, called as the views and the admin call them."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail

from bookings import outbox, services
from bookings.availability import Problem
from bookings.models import Booking, Patient
from tests.bookings.conftest import MONDAY_9, NOW, screening_answers
from tests.factories import (
    BookingFactory,
    ClinicClosureFactory,
    PatientFactory,
    TimeOffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=False)

DETAILS = services.PatientDetails(
    "Alex", "Patient", "Alex@Example.org", "07700 900123", date(1980, 5, 17)
)


def book(practitioner, treatment, start=MONDAY_9, **kwargs):
    kwargs.setdefault("patient", DETAILS)
    kwargs.setdefault("screening_answers", screening_answers())
    kwargs.setdefault("consented", True)
    return services.book(practitioner=practitioner, treatment=treatment, start=start, **kwargs)


def test_booking_saves_times_patient_and_screening(clock, practitioner, treatment):
    booking = book(practitioner, treatment, screening_answers=screening_answers(pregnant="yes"))
    outbox.send_pending()  # what the mail worker does

    booking.refresh_from_db()
    assert booking.end == MONDAY_9 + timedelta(minutes=45)
    assert booking.blocked_until == MONDAY_9 + timedelta(minutes=60)
    assert booking.patient.email == "alex@example.org"
    assert booking.needs_attention is True
    assert booking.screening_answers["pregnant"] == "yes"
    assert booking.screening_flags == ["Pregnant or may be pregnant"]
    assert booking.source == Booking.Source.ONLINE
    assert [m.to for m in mail.outbox] == [["alex@example.org"], ["hannah@example.org"]]


def test_booking_same_slot_twice_is_refused(clock, practitioner, treatment):
    book(practitioner, treatment)

    with pytest.raises(services.SlotUnavailable) as error:
        book(
            practitioner,
            treatment,
            patient=services.PatientDetails(
                "B", "C", "b@example.org", "0770090012", date(1990, 1, 1)
            ),
        )

    assert error.value.problem is Problem.TAKEN
    assert Booking.objects.count() == 1


def test_overlap_inside_the_buffer_is_refused(clock, practitioner, treatment):
    book(practitioner, treatment)  # 09:00-09:45, blocked to 10:00

    with pytest.raises(services.SlotUnavailable):
        book(practitioner, treatment, start=MONDAY_9 + timedelta(minutes=45))
    assert book(practitioner, treatment, start=MONDAY_9 + timedelta(minutes=60)).pk


def test_booking_in_time_off_or_closure_is_refused(clock, practitioner, treatment):
    TimeOffFactory(practitioner=practitioner, start=MONDAY_9, end=MONDAY_9 + timedelta(hours=2))
    ClinicClosureFactory(start_date=(MONDAY_9 + timedelta(days=1)).date())

    with pytest.raises(services.SlotUnavailable) as away:
        book(practitioner, treatment)
    with pytest.raises(services.SlotUnavailable) as closed:
        book(practitioner, treatment, start=MONDAY_9 + timedelta(days=1))

    assert away.value.problem is closed.value.problem is Problem.UNAVAILABLE


def test_booking_outside_hours_or_too_soon_is_refused(clock, practitioner, treatment):
    with pytest.raises(services.SlotUnavailable) as outside:
        book(practitioner, treatment, start=MONDAY_9 + timedelta(hours=9))
    with pytest.raises(services.SlotUnavailable) as past:
        book(practitioner, treatment, start=MONDAY_9 - timedelta(days=7))

    assert outside.value.problem is Problem.OUTSIDE_HOURS
    assert past.value.problem is Problem.TOO_SOON


def test_staff_override_books_outside_hours_and_is_recorded(clock, practitioner, treatment):
    staff = UserFactory(is_staff=True)
    evening = MONDAY_9 + timedelta(hours=9)

    booking = book(
        practitioner,
        treatment,
        start=evening,
        created_by=staff,
        override_hours=True,
        override_reason="Only time the patient can come",
    )

    assert booking.outside_hours_override is True
    assert booking.override_reason == "Only time the patient can come"
    assert booking.source == Booking.Source.STAFF


def test_staff_override_never_books_over_another_booking(clock, practitioner, treatment):
    staff = UserFactory(is_staff=True)
    evening = MONDAY_9 + timedelta(hours=9)
    book(
        practitioner,
        treatment,
        start=evening,
        created_by=staff,
        override_hours=True,
        override_reason="x",
    )

    with pytest.raises(services.SlotUnavailable) as error:
        book(
            practitioner,
            treatment,
            start=evening,
            created_by=staff,
            override_hours=True,
            override_reason="x",
            patient=PatientFactory(),
        )
    assert error.value.problem is Problem.TAKEN


def test_override_without_reason_is_refused(clock, practitioner, treatment):
    with pytest.raises(services.NotBookable):
        book(practitioner, treatment, created_by=UserFactory(is_staff=True), override_hours=True)


def test_warning_sign_refuses_and_saves_nothing(clock, practitioner, treatment):
    with pytest.raises(services.NotBookable):
        book(practitioner, treatment, screening_answers=screening_answers(saddle_numbness="yes"))
    assert not Booking.objects.exists()
    assert not Patient.objects.exists()


def test_same_idempotency_key_returns_the_first_booking(clock, practitioner, treatment):
    first = book(practitioner, treatment, idempotency_key="k1")
    again = book(practitioner, treatment, idempotency_key="k1")
    assert again.pk == first.pk
    assert Booking.objects.count() == 1


def test_existing_patient_record_is_not_rewritten_or_joined_by_a_form(
    clock, practitioner, treatment
):
    original = PatientFactory(email="alex@example.org", first_name="Original")

    booking = book(practitioner, treatment)

    original.refresh_from_db()
    assert original.first_name == "Original"
    assert booking.patient is None
    assert (booking.given_first_name, booking.given_email) == ("Alex", "alex@example.org")
    assert Patient.objects.count() == 1


def test_a_new_address_makes_a_record_from_what_was_typed(clock, practitioner, treatment):
    booking = book(practitioner, treatment)

    patient = Patient.objects.get()
    assert booking.patient == patient
    assert (patient.first_name, patient.email, str(patient.date_of_birth)) == (
        "Alex",
        "alex@example.org",
        "1980-05-17",
    )


def test_practitioner_who_does_not_offer_treatment_is_refused(clock, practitioner, treatment):
    treatment.practitioners.remove(practitioner)
    with pytest.raises(services.NotBookable):
        book(practitioner, treatment)


def test_cancel_frees_the_slot(clock, practitioner, treatment):
    booking = book(practitioner, treatment)

    services.cancel(booking=booking, reason="Feeling better")

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancellation_reason == "Feeling better"
    assert booking.sequence == 1
    assert book(practitioner, treatment, patient=PatientFactory()).start == MONDAY_9


def test_late_cancel_by_patient_is_refused_but_staff_may(clock, practitioner, treatment):
    # Starts 20 hours from now: inside the 24-hour notice.
    booking = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW + timedelta(hours=20)
    )

    with pytest.raises(services.TooLateToChange):
        services.cancel(booking=booking)
    assert services.cancel(booking=booking, by_staff=True).status == Booking.Status.CANCELLED


def test_reschedule_moves_and_frees_old_time_in_one_go(clock, practitioner, treatment):
    booking = book(practitioner, treatment)

    moved = services.reschedule(booking=booking, new_start=MONDAY_9 + timedelta(minutes=15))

    assert moved.start == MONDAY_9 + timedelta(minutes=15)
    assert moved.blocked_until == MONDAY_9 + timedelta(minutes=75)
    assert moved.sequence == 1
    # Overlapping its own old time is fine; the old slot itself is free for others after.
    other = book(
        practitioner, treatment, start=MONDAY_9 + timedelta(hours=2), patient=PatientFactory()
    )
    assert other.pk != moved.pk


def test_reschedule_onto_another_booking_is_refused(clock, practitioner, treatment):
    booking = book(practitioner, treatment)
    book(practitioner, treatment, start=MONDAY_9 + timedelta(hours=2), patient=PatientFactory())

    with pytest.raises(services.SlotUnavailable):
        services.reschedule(booking=booking, new_start=MONDAY_9 + timedelta(hours=2))
    booking.refresh_from_db()
    assert booking.start == MONDAY_9


def test_attendance_only_for_started_sessions(clock, practitioner, treatment):
    booking = book(practitioner, treatment)
    with pytest.raises(services.BookingError):
        services.mark_attendance(booking=booking, status=Booking.Status.ATTENDED)

    clock.move_to(MONDAY_9 + timedelta(minutes=50))
    assert (
        services.mark_attendance(booking=booking, status=Booking.Status.ATTENDED).status
        == "attended"
    )


def test_online_booking_needs_every_question_answered(clock, practitioner, treatment):
    answers = screening_answers()
    del answers["epilepsy"]

    with pytest.raises(services.NotBookable, match="Please answer every health question."):
        book(practitioner, treatment, screening_answers=answers)
    assert not Booking.objects.exists()


def test_online_booking_for_under_18_is_refused_with_the_phone_number(
    clock, practitioner, treatment
):
    child = services.PatientDetails(
        "Kit", "Young", "kit@example.org", "0770090012", date(2010, 1, 1)
    )

    with pytest.raises(services.NotBookable, match="We can only book adults") as error:
        book(practitioner, treatment, patient=child)
    assert settings.CLINIC_PHONE in str(error.value)
    assert not Patient.objects.exists()


@pytest.mark.parametrize(
    ("answer", "by_staff", "refused"),
    [
        ({"chest_pain": "yes"}, True, "Not booked: Call 999 or go to A&E now."),
        ({"injects_drugs": "yes"}, True, "Not booked: Call NHS 111 or your GP today."),
        ({"injects_drugs": "not_sure"}, False, "Not booked: Call us before you book."),
        ({"injects_drugs": "not_sure"}, True, None),
    ],
)
def test_service_refuses_what_the_screening_stops(
    clock, practitioner, treatment, answer, by_staff, refused
):
    staff = {"created_by": UserFactory(is_staff=True)} if by_staff else {}
    answers = screening_answers(**answer)

    if refused:
        with pytest.raises(services.NotBookable) as error:
            book(practitioner, treatment, screening_answers=answers, **staff)
        assert str(error.value).startswith(refused)
        assert not Booking.objects.exists()
    else:
        assert book(practitioner, treatment, screening_answers=answers, **staff).needs_attention


def test_only_known_questions_and_answers_are_kept(clock, practitioner, treatment):
    answers = {**screening_answers(), "name": "Alex", "pregnant": "perhaps", "new_episode": "no"}

    with pytest.raises(services.NotBookable, match="Please answer every health question."):
        book(practitioner, treatment, screening_answers=answers)
    booking = book(practitioner, treatment, screening_answers={**answers, "pregnant": "no"})

    assert "name" not in booking.screening_answers
    assert "new_episode" not in booking.screening_answers  # asked of under-20s and over-50s
    assert set(booking.screening_answers.values()) == {"no"}
