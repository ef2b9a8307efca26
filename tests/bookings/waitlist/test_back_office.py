"""Staff: the waiting list with its filters and offers, offering a time by hand, the day
sheet's count of who waits, and the worker command."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from bookings import services
from bookings.models import WaitlistEntry, WaitlistOffer
from bookings.waitlist.matching import part_range
from tests.bookings.waitlist.conftest import MONDAY, MONDAY_10, join, offer_emails
from tests.factories import PractitionerFactory, TreatmentFactory, WorkingHoursFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:bookings_waitlistentry_changelist")


@pytest.fixture
def reception(client, reception_user):
    client.force_login(reception_user)
    return client


def test_staff_list_the_waiting_list_and_filter_it(reception, clock, practitioner, treatment):
    other = PractitionerFactory(name="Sam Other")
    other_treatment = TreatmentFactory()
    other_treatment.practitioners.add(other)
    join(treatment, "Ada")
    join(treatment, "Ben", practitioner=practitioner)
    join(other_treatment, "Cy", practitioner=other)

    everyone = reception.get(CHANGELIST)
    could_see_hannah = reception.get(CHANGELIST, {"for_practitioner": practitioner.pk})
    searched = reception.get(CHANGELIST, {"q": "ben@example.org"})

    assert everyone.status_code == 200
    assert "Monday morning" in everyone.content.decode()
    names = {e.first_name for e in could_see_hannah.context["cl"].result_list}
    assert names == {"Ada", "Ben"}  # Ada would see anyone offering the treatment
    assert [e.first_name for e in searched.context["cl"].result_list] == ["Ben"]


def test_an_entry_shows_its_offers_and_their_outcome(reception, clock, practitioner, treatment):
    ada = join(treatment, "Ada")
    offer = services.make_offer(entry=ada, practitioner=practitioner, start=MONDAY_10)
    services.decline_offer(offer=offer)

    page = reception.get(reverse("admin:bookings_waitlistentry_change", args=[ada.pk]))
    offers = reception.get(reverse("admin:bookings_waitlistoffer_changelist"))

    assert "Declined" in page.content.decode()
    assert "Declined" in offers.content.decode()
    assert "automatically" in offers.content.decode()


def test_staff_offer_a_time_by_hand(reception, reception_user, clock, practitioner, treatment):
    ada = join(treatment, "Ada")
    url = reverse("admin:bookings_waitlistentry_offer", args=[ada.pk])

    page = reception.get(url)
    assert page.status_code == 200
    assert "10:00 · Hannah Okafor · suits them" in page.content.decode()
    assert "Monday 23 November" in page.content.decode()
    response = reception.post(url, {"time": f"{practitioner.pk}|{MONDAY_10.isoformat()}"})

    offer = WaitlistOffer.objects.get()
    assert response.status_code == 302
    assert (offer.start, offer.made_by) == (MONDAY_10, reception_user)
    assert [e.to for e in offer_emails()] == ["ada@example.org"]


def test_offering_by_hand_a_time_that_is_no_longer_listed_says_so(
    reception, clock, practitioner, treatment
):
    ada = join(treatment, "Ada")

    response = reception.post(
        reverse("admin:bookings_waitlistentry_offer", args=[ada.pk]),
        {"time": f"{practitioner.pk}|2026-11-23T03:00:00+00:00"},
    )

    assert response.status_code == 200
    assert "That time is no longer free" in response.content.decode()
    assert WaitlistOffer.objects.count() == 0


def test_offering_by_hand_to_someone_with_an_offer_open_is_refused_with_a_reason(
    reception, clock, practitioner, treatment
):
    ada = join(treatment, "Ada")
    services.make_offer(entry=ada, practitioner=practitioner, start=MONDAY_10)

    response = reception.post(
        reverse("admin:bookings_waitlistentry_offer", args=[ada.pk]),
        {"time": f"{practitioner.pk}|{MONDAY_10.replace(hour=13).isoformat()}"},
    )

    assert "already have an offer waiting for an answer" in response.content.decode()
    assert WaitlistOffer.objects.count() == 1


def test_the_day_sheet_shows_how_many_wait_for_each_practitioner(
    reception, clock, practitioner, treatment
):
    other = PractitionerFactory(name="Sam Other")
    WorkingHoursFactory(practitioner=other, weekday=0)
    other_treatment = TreatmentFactory()
    other_treatment.practitioners.add(other)
    join(treatment, "Ada")  # anyone offering the treatment: Hannah only
    join(treatment, "Ben", practitioner=practitioner)
    join(other_treatment, "Cy", practitioner=other)

    response = reception.get(reverse("admin:bookings_booking_day"), {"date": MONDAY.isoformat()})

    waiting = {c.practitioner.name: c.waiting for c in response.context["columns"]}
    assert waiting == {"Hannah Okafor": 2, "Sam Other": 1}
    assert "2 waiting" in response.content.decode()


def test_the_worker_command_runs_one_pass(clock, practitioner, treatment):
    join(treatment, "Ada", ranges=[part_range(0, "morning")])
    out = StringIO()

    call_command("waitlist", "--once", stdout=out)

    assert out.getvalue() == "1 offered, 0 expired, 0 dropped past their date.\n"
    assert WaitlistEntry.objects.get().offers.count() == 1
