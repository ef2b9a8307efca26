"""Offers: a freed time goes to the first person waiting who wants it, and to nobody else;
declining or letting it expire passes it on; accepting books it through `book`."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from bookings import services
from bookings.availability import Problem
from bookings.models import Booking, Hold, WaitlistEntry, WaitlistOffer
from bookings.selectors import free_starts_by_practitioner
from bookings.waitlist.matching import TimeRange, part_range
from clinic.clock import local_date
from tests.bookings.conftest import NOW, screening_answers
from tests.bookings.waitlist.conftest import MONDAY, MONDAY_10, join, offer_emails
from tests.factories import (
    BookingFactory,
    PractitionerFactory,
    TimeOffFactory,
    TreatmentFactory,
    WorkingHoursFactory,
)

pytestmark = pytest.mark.django_db

BEN = services.PatientDetails("Ben", "Waiting", "ben@example.org", "07700 900124", date(1985, 1, 2))


def cancel_monday_10(bookings):
    services.cancel(booking=bookings[1], by_staff=True)


def accept(offer, patient=BEN, **kwargs):
    kwargs.setdefault("screening_answers", screening_answers())
    return services.accept_offer(offer=offer, patient=patient, consented=True, **kwargs)


def test_a_freed_time_is_offered_to_the_first_matching_person_and_nobody_else(
    clock, practitioner, treatment, monday_morning_full
):
    other_treatment = TreatmentFactory()  # Hannah does not offer it
    other_treatment.practitioners.add(PractitionerFactory())
    join(treatment, "Olive", ranges=[part_range(1, "evening")])  # joined first, wants Tuesdays
    ada = join(treatment, "Ada")
    join(treatment, "Ben")
    join(other_treatment, "Cy")
    assert services.run_pass().offered == 0  # nothing that suits anyone is free

    cancel_monday_10(monday_morning_full)
    report = services.run_pass()

    offer = WaitlistOffer.objects.get()
    assert report.offered == 1
    assert (offer.entry, offer.practitioner, offer.start) == (ada, practitioner, MONDAY_10)
    assert offer.expires_at == NOW + timedelta(minutes=30)
    assert offer.status == WaitlistOffer.Status.PENDING
    assert [e.to for e in offer_emails()] == ["ada@example.org"]
    held = Hold.objects.get()
    assert (held.holder, held.start, held.expires_at) == (offer.holder, MONDAY_10, offer.expires_at)
    # The time is the offer's: nobody else sees it free, and nobody books it.
    free = free_starts_by_practitioner([practitioner], treatment, MONDAY, MONDAY, timezone.now())
    assert MONDAY_10 not in free[practitioner.pk]
    with pytest.raises(services.SlotUnavailable):
        services.book(
            practitioner=practitioner,
            treatment=treatment,
            start=MONDAY_10,
            patient=BEN,
            screening_answers=screening_answers(),
            consented=True,
        )
    assert services.run_pass().offered == 0  # a second pass offers it to nobody else


def test_declining_passes_the_time_to_the_next_person(
    clock, practitioner, treatment, monday_morning_full
):
    join(treatment, "Ada")
    ben = join(treatment, "Ben")
    cancel_monday_10(monday_morning_full)
    services.run_pass()
    first = WaitlistOffer.objects.get()

    services.decline_offer(offer=first)
    services.run_pass()

    first.refresh_from_db()
    second = WaitlistOffer.objects.exclude(pk=first.pk).get()
    assert first.status == WaitlistOffer.Status.DECLINED
    assert (second.entry, second.start) == (ben, MONDAY_10)
    assert WaitlistEntry.objects.get(first_name="Ada").status == WaitlistEntry.Status.WAITING
    assert [e.to for e in offer_emails()] == ["ada@example.org", "ben@example.org"]


def test_an_unanswered_offer_expires_and_passes_to_the_next_person_once(
    clock, practitioner, treatment, monday_morning_full
):
    join(treatment, "Ada")
    ben = join(treatment, "Ben")
    cancel_monday_10(monday_morning_full)
    services.run_pass()
    clock.shift(timedelta(minutes=30))

    report = services.run_pass()
    again = services.run_pass()

    ada_offer, ben_offer = WaitlistOffer.objects.order_by("pk")
    assert (report.expired, report.offered) == (1, 1)
    assert (again.expired, again.offered) == (0, 0)
    assert ada_offer.status == WaitlistOffer.Status.EXPIRED
    assert (ben_offer.entry, ben_offer.start, ben_offer.status) == (ben, MONDAY_10, "pending")
    assert list(Hold.objects.values_list("holder", flat=True)) == [ben_offer.holder]


def test_someone_who_let_an_offer_expire_is_not_offered_again_for_a_while(
    clock, practitioner, treatment, monday_morning_full
):
    ada = join(treatment, "Ada", ranges=[part_range(0, "morning"), part_range(1, "morning")])
    ada.until = MONDAY + timedelta(days=1)
    ada.save()
    cancel_monday_10(monday_morning_full)
    services.run_pass()
    assert WaitlistOffer.objects.get().start == MONDAY_10
    clock.shift(timedelta(minutes=30))

    services.run_pass()  # Tuesday morning is free, but Ada has just let an offer lapse
    assert WaitlistOffer.objects.count() == 1
    clock.shift(timedelta(hours=12))
    services.run_pass()
    assert WaitlistOffer.objects.count() == 2


def test_one_time_is_never_offered_to_two_people(clock, practitioner, treatment):
    ada, ben = join(treatment, "Ada"), join(treatment, "Ben")
    services.make_offer(entry=ada, practitioner=practitioner, start=MONDAY_10)

    with pytest.raises(services.SlotUnavailable) as error:
        services.make_offer(entry=ben, practitioner=practitioner, start=MONDAY_10)

    assert error.value.problem is Problem.TAKEN
    assert WaitlistOffer.objects.count() == 1


def test_a_person_with_an_offer_open_is_not_offered_a_second_time(clock, practitioner, treatment):
    ada = join(treatment, "Ada")
    services.make_offer(entry=ada, practitioner=practitioner, start=MONDAY_10)

    with pytest.raises(services.OfferNotMade):
        services.make_offer(
            entry=ada, practitioner=practitioner, start=MONDAY_10 + timedelta(hours=3)
        )
    assert WaitlistOffer.objects.count() == 1


def test_an_offer_for_a_session_within_a_day_is_held_for_ten_minutes(
    clock, practitioner, treatment
):
    friday_1pm = NOW + timedelta(hours=5)
    join(treatment, "Ada", ranges=[TimeRange(4, time(13), time(13, 15))], until=NOW.date())

    services.run_pass()

    offer = WaitlistOffer.objects.get()
    assert (offer.start, offer.expires_at) == (friday_1pm, NOW + timedelta(minutes=10))


def test_accepting_books_the_time_through_the_booking_service(
    clock, practitioner, treatment, monday_morning_full
):
    ada = join(treatment, "Ada")
    cancel_monday_10(monday_morning_full)
    services.run_pass()
    offer = WaitlistOffer.objects.get()

    booking = accept(offer, screening_answers=screening_answers(pregnant=True))

    offer.refresh_from_db()
    ada.refresh_from_db()
    assert (booking.start, booking.practitioner, booking.status) == (
        MONDAY_10,
        practitioner,
        Booking.Status.CONFIRMED,
    )
    assert booking.needs_attention  # the same screening rules as any booking
    assert (offer.status, offer.booking) == (WaitlistOffer.Status.ACCEPTED, booking)
    assert ada.status == WaitlistEntry.Status.BOOKED
    assert Hold.objects.count() == 0
    assert booking.emails.filter(kind="confirmed").count() == 1


def test_a_second_acceptance_books_nothing_more(clock, practitioner, treatment):
    offer = services.make_offer(
        entry=join(treatment, "Ada"), practitioner=practitioner, start=MONDAY_10
    )
    first = accept(offer, idempotency_key="form-1")

    assert accept(offer, idempotency_key="form-1") == first  # the same form sent twice
    with pytest.raises(services.OfferClosed):
        accept(offer, idempotency_key="form-2")  # another tab
    assert Booking.objects.count() == 1


def test_an_offer_past_its_time_is_still_booked_if_nobody_else_has_it(
    clock, practitioner, treatment
):
    offer = services.make_offer(
        entry=join(treatment, "Ada"), practitioner=practitioner, start=MONDAY_10
    )
    clock.shift(timedelta(minutes=45))
    services.run_pass()  # it expires, and nobody else is waiting

    booking = accept(offer)

    offer.refresh_from_db()
    assert booking.start == MONDAY_10
    assert offer.status == WaitlistOffer.Status.ACCEPTED


def test_an_offer_past_its_time_that_went_to_the_next_person_is_refused(
    clock, practitioner, treatment, monday_morning_full
):
    join(treatment, "Ada")
    ben = join(treatment, "Ben")
    cancel_monday_10(monday_morning_full)
    services.run_pass()
    offer = WaitlistOffer.objects.get()
    clock.shift(timedelta(minutes=30))
    services.run_pass()
    assert WaitlistOffer.objects.get(entry=ben).start == MONDAY_10

    with pytest.raises(services.SlotUnavailable):
        accept(offer)

    assert not Booking.objects.active().filter(start=MONDAY_10).exists()
    assert WaitlistOffer.objects.get(pk=offer.pk).status == WaitlistOffer.Status.EXPIRED
    assert WaitlistEntry.objects.get(first_name="Ada").status == WaitlistEntry.Status.WAITING


def test_leaving_the_list_frees_an_open_offers_time_at_once(clock, practitioner, treatment):
    ada = join(treatment, "Ada")
    services.make_offer(entry=ada, practitioner=practitioner, start=MONDAY_10)

    services.leave_waitlist(entry=ada)

    assert (WaitlistEntry.objects.count(), WaitlistOffer.objects.count()) == (0, 0)
    assert Hold.objects.count() == 0
    free = free_starts_by_practitioner([practitioner], treatment, MONDAY, MONDAY, timezone.now())
    assert MONDAY_10 in free[practitioner.pk]


def test_entries_past_their_last_date_are_dropped_with_their_offers(clock, practitioner, treatment):
    today = local_date(NOW)
    gone = join(treatment, "Ada", until=today)
    services.make_offer(entry=gone, practitioner=practitioner, start=NOW + timedelta(hours=3))
    stays = join(
        treatment, "Ben", until=today + timedelta(days=1), ranges=[part_range(6, "morning")]
    )
    clock.shift(timedelta(days=1))

    report = services.run_pass()

    assert report.dropped == 1
    assert list(WaitlistEntry.objects.all()) == [stays]
    assert WaitlistOffer.objects.count() == 0


def test_joining_refuses_what_cannot_be_kept(clock, practitioner, treatment):
    with pytest.raises(services.BookingError, match="at least one day and time"):
        join(treatment, "Ada", ranges=[])
    with pytest.raises(services.BookingError, match="today or later"):
        join(treatment, "Ada", until=NOW.date() - timedelta(days=1))
    with pytest.raises(services.BookingError, match="60 days ahead"):
        join(treatment, "Ada", until=NOW.date() + timedelta(days=61))
    elsewhere = PractitionerFactory(name="Sam Elsewhere")
    with pytest.raises(services.NotBookable, match="does not offer"):
        join(treatment, "Ada", practitioner=elsewhere)
    assert WaitlistEntry.objects.count() == 0


def test_anyone_who_offers_the_treatment_can_be_offered_a_time(clock, practitioner, treatment):
    # Hannah's Monday morning is not free; Sam works it.
    sam = PractitionerFactory(name="Sam Free")
    treatment.practitioners.add(sam)
    WorkingHoursFactory(practitioner=sam, weekday=0, start=time(10), end=time(12))
    for hour in range(3):
        BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            start=MONDAY_10 + timedelta(hours=hour - 1),
        )
    join(treatment, "Ada")

    services.run_pass()

    offer = WaitlistOffer.objects.get()
    assert (offer.practitioner, offer.start) == (sam, MONDAY_10)


def test_time_off_removed_is_offered_like_a_cancellation(clock, practitioner, treatment):
    time_off = TimeOffFactory(
        practitioner=practitioner,
        start=MONDAY_10 - timedelta(hours=3),
        end=MONDAY_10 + timedelta(hours=3),
    )
    join(treatment, "Ada")
    assert services.run_pass().offered == 0

    services.remove_time_off(time_off=time_off)
    services.run_pass()

    assert WaitlistOffer.objects.get().start == MONDAY_10 - timedelta(hours=1)  # 9:00


def test_hours_added_in_the_admin_are_offered_with_no_call_from_anywhere(clock, treatment):
    # Hours saved straight to the table, as the admin's inline does: the pass still sees them.
    sam = PractitionerFactory(name="Sam Saturday")
    treatment.practitioners.add(sam)
    join(treatment, "Ada", ranges=[part_range(5, "morning")], until=MONDAY)
    assert services.run_pass().offered == 0

    WorkingHoursFactory(practitioner=sam, weekday=5, start=time(10), end=time(12))
    services.run_pass()

    offer = WaitlistOffer.objects.get()
    assert (offer.practitioner, timezone.localtime(offer.start).strftime("%a %H:%M")) == (
        sam,
        "Sat 10:00",
    )
