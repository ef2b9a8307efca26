"""The patient's pages: choosing a time holds it, the details page says until when, the
waiting list's join, change and leave pages, and answering an offer."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from bookings import services
from bookings.models import (
    Booking,
    Hold,
    OutgoingEmail,
    ScreeningStop,
    WaitlistEntry,
    WaitlistOffer,
)
from tests.bookings.conftest import MONDAY_9, details_post
from tests.bookings.waitlist.conftest import MONDAY, MONDAY_10, join, link_in

pytestmark = pytest.mark.django_db

HOLD = reverse("bookings:hold")


def hold_url(treatment, practitioner, start):
    return f"{HOLD}?treatment={treatment.slug}&practitioner={practitioner.slug}&start={quote(start.isoformat())}"


def time_page(client, treatment, practitioner, day=MONDAY):
    return client.get(
        "/book/time/",
        {"treatment": treatment.slug, "practitioner": practitioner.slug, "date": day.isoformat()},
    )


# --- holds -------------------------------------------------------------------------------


def test_choosing_a_time_holds_it_and_the_details_page_says_until_when(
    client, clock, practitioner, treatment
):
    page = time_page(client, treatment, practitioner).content.decode()
    assert (
        f'formaction="{hold_url(treatment, practitioner, MONDAY_9)}'.replace("&", "&amp;") in page
    )

    response = client.post(hold_url(treatment, practitioner, MONDAY_9))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("bookings:details"))
    details = client.get(response["Location"])
    assert "Held for you until 08:10." in details.content.decode()
    assert Hold.objects.get().start == MONDAY_9


def test_the_held_time_is_gone_for_another_browser_and_still_there_for_its_own(
    client, clock, practitioner, treatment
):
    client.post(hold_url(treatment, practitioner, MONDAY_9))
    other = Client()

    mine = time_page(client, treatment, practitioner).context["offers"]
    theirs = time_page(other, treatment, practitioner).context["offers"]
    refused = other.post(hold_url(treatment, practitioner, MONDAY_9))

    assert MONDAY_9 in [o.start for o in mine]
    assert MONDAY_9 not in [o.start for o in theirs]
    assert refused.status_code == 409
    assert "someone else has just chosen that time" in refused.content.decode()
    assert Hold.objects.count() == 1


def test_holding_is_only_ever_a_post(client, clock, practitioner, treatment):
    response = client.get(hold_url(treatment, practitioner, MONDAY_9))

    assert response.status_code == 405
    assert Hold.objects.count() == 0


def test_a_bad_hold_request_changes_nothing(client, clock, practitioner, treatment):
    response = client.post(f"{HOLD}?treatment={treatment.slug}&practitioner=nobody&start=x")

    assert response.status_code == 400
    assert "Please choose again" in response.content.decode()
    assert Hold.objects.count() == 0


def test_a_details_page_without_a_hold_offers_to_hold_the_time(
    client, clock, practitioner, treatment
):
    response = client.get(
        reverse("bookings:details"),
        {
            "treatment": treatment.slug,
            "practitioner": practitioner.slug,
            "start": MONDAY_9.isoformat(),
        },
    )

    body = response.content.decode()
    assert "This time is not held for you" in body
    assert "Hold it for me" in body


def test_booking_from_the_details_page_turns_the_hold_into_the_booking(
    client, clock, practitioner, treatment
):
    client.post(hold_url(treatment, practitioner, MONDAY_9))

    response = client.post(
        reverse("bookings:details"), details_post(treatment, practitioner, MONDAY_9)
    )

    assert response.status_code == 302
    assert Booking.objects.get().start == MONDAY_9
    assert Hold.objects.count() == 0


def test_booking_after_the_hold_ran_out_and_someone_else_held_it_is_refused_kindly(
    client, clock, practitioner, treatment
):
    client.post(hold_url(treatment, practitioner, MONDAY_9))
    clock.shift(timedelta(minutes=11))
    Client().post(hold_url(treatment, practitioner, MONDAY_9))

    response = client.post(
        reverse("bookings:details"), details_post(treatment, practitioner, MONDAY_9)
    )

    assert response.status_code == 409
    assert "just taken by someone else" in response.content.decode()
    assert Booking.objects.count() == 0


# --- joining, changing, leaving ---------------------------------------------------------


def join_form(treatment_obj, **overrides):
    data = {
        "first_name": "Ada",
        "last_name": "Waiting",
        "email": "Ada@Example.org",
        "treatment": treatment_obj.slug,
        "practitioner": "any",
        "condition": "",
        "times": ["0-morning", "2-evening"],
        "range_day_1": "1",
        "range_from_1": "12:30",
        "range_to_1": "14:00",
        "until": "2026-12-18",
        "privacy": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_time_and_practitioner_steps_link_to_the_waiting_list(
    client, clock, practitioner, treatment
):
    time_body = time_page(client, treatment, practitioner).content.decode()
    step_2 = client.get("/book/practitioner/", {"treatment": treatment.slug}).content.decode()

    link = f"/waiting-list/?treatment={treatment.slug}&amp;practitioner={practitioner.slug}"
    assert link in time_body
    assert f"/waiting-list/?treatment={treatment.slug}" in step_2


def test_joining_the_list_emails_a_private_link_to_change_or_leave(
    client, clock, practitioner, treatment
):
    form = client.get(
        "/waiting-list/", {"treatment": treatment.slug, "practitioner": practitioner.slug}
    )
    assert form.context["form"].initial["practitioner"] == practitioner.slug
    assert "screening" not in form.content.decode().lower()

    response = client.post("/waiting-list/", join_form(treatment))

    assert response.status_code == 302
    assert "We have emailed ada@example.org" in client.get(response["Location"]).content.decode()
    entry = WaitlistEntry.objects.get()
    assert (entry.email, entry.practitioner, entry.until.isoformat()) == (
        "ada@example.org",
        None,
        "2026-12-18",
    )
    assert entry.times == [
        ["0", "07:00", "12:00"],
        [1, "12:30", "14:00"],
        [2, "17:00", "22:00"],
    ] or (entry.times == [[0, "07:00", "12:00"], [1, "12:30", "14:00"], [2, "17:00", "22:00"]])
    email = OutgoingEmail.objects.get(kind="waitlist_joined")
    link = link_in(email, "waiting-list")
    secret = link.split("token=")[1]
    assert secret not in entry.token_hash  # only a hash is kept
    assert "Tuesday 12:30-14:00" in email.body_text
    manage = client.get(link)
    assert manage.status_code == 200
    assert "Your place on the waiting list" in manage.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"times": [], "range_from_1": "", "range_to_1": ""}, "at least one day and time"),
        ({"range_to_1": "12:00"}, "a start and a later end time"),
        ({"until": "2026-11-19"}, "today or later"),
        ({"until": "2027-03-01"}, "60 days ahead"),
        ({"email": "not an email"}, "Enter a valid email address."),
        ({"privacy": None}, "Please agree, so that we can keep your place."),
        ({"treatment": "nothing-like-it"}, "not available to book online"),
    ],
)
def test_a_bad_join_form_says_why_and_keeps_nothing(
    client, clock, practitioner, treatment, change, message
):
    response = client.post("/waiting-list/", join_form(treatment, **change))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert WaitlistEntry.objects.count() == 0


def test_the_private_link_changes_the_choices_and_leaves_the_list(
    client, clock, practitioner, treatment
):
    client.post("/waiting-list/", join_form(treatment))
    link = link_in(OutgoingEmail.objects.get(kind="waitlist_joined"), "waiting-list")
    token = link.split("token=")[1]
    reference = WaitlistEntry.objects.get().reference

    changed = client.post(
        link,
        {
            "token": token,
            "practitioner": practitioner.slug,
            "times": ["4-afternoon"],
            "until": "2026-12-01",
        },
    )
    entry = WaitlistEntry.objects.get()
    left = client.post(reverse("bookings:waitlist_leave", args=[reference]), {"token": token})

    assert changed.status_code == 302
    assert (entry.practitioner, entry.times, entry.until.isoformat()) == (
        practitioner,
        [[4, "12:00", "17:00"]],
        "2026-12-01",
    )
    assert "You have left the waiting list" in left.content.decode()
    assert WaitlistEntry.objects.count() == 0


def test_a_wrong_secret_opens_nothing(client, clock, practitioner, treatment):
    client.post("/waiting-list/", join_form(treatment))
    reference = WaitlistEntry.objects.get().reference

    assert client.get(f"/waiting-list/{reference}/?token=guess").status_code == 404
    assert client.post(f"/waiting-list/{reference}/leave/", {"token": "guess"}).status_code == 404
    assert WaitlistEntry.objects.count() == 1


# --- offers ------------------------------------------------------------------------------


@pytest.fixture
def offer_link(clock, practitioner, treatment):
    join(treatment, "Ada")
    services.make_offer(
        entry=WaitlistEntry.objects.get(), practitioner=practitioner, start=MONDAY_10
    )
    return link_in(OutgoingEmail.objects.get(kind="waitlist_offer"), "offer")


def offer_details_post(client, offer_link, treatment, practitioner, **overrides):
    book_link = offer_link.replace("/?token=", "/book/?token=")
    page = client.get(book_link)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.content.decode()).group(1)
    data = details_post(treatment, practitioner, MONDAY_10, idempotency_key=key, **overrides)
    return client.post(book_link, data)


def test_an_offer_page_shows_the_time_and_until_when_it_is_held(client, offer_link):
    body = client.get(offer_link).content.decode()

    assert "A time for you" in body
    assert "Monday 23 November 2026, 10:00" in body
    assert "until 08:30" in body
    assert "Book this time" in body


def test_accepting_an_offer_asks_the_health_questions_and_books(
    client, offer_link, practitioner, treatment
):
    form = client.get(offer_link.replace("/?token=", "/book/?token="))
    assert "Held for you until 08:30." in form.content.decode()
    assert form.context["form"].initial["email"] == "ada@example.org"

    response = offer_details_post(client, offer_link, treatment, practitioner)

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bookings:done", args=[booking.reference])
    assert "You're booked in" in client.get(response["Location"]).content.decode()
    assert WaitlistOffer.objects.get().status == WaitlistOffer.Status.ACCEPTED
    assert booking.start == MONDAY_10


def test_a_warning_sign_when_accepting_stops_as_on_any_booking(
    client, offer_link, practitioner, treatment
):
    response = offer_details_post(
        client, offer_link, treatment, practitioner, q_saddle_numbness="yes"
    )

    assert "Call 999 or go to A&amp;E now" in response.content.decode()  # saddle numbness
    assert Booking.objects.count() == 0
    assert ScreeningStop.objects.count() == 1


def test_an_offer_that_expires_mid_form_is_answered_kindly_with_fresh_times(
    client, clock, practitioner, treatment, monday_morning_full
):
    join(treatment, "Ada")
    join(treatment, "Ben")
    services.cancel(booking=monday_morning_full[1], by_staff=True)
    services.run_pass()
    book_link = link_in(OutgoingEmail.objects.get(kind="waitlist_offer"), "offer").replace(
        "/?token=", "/book/?token="
    )
    page = client.get(book_link)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.content.decode()).group(1)
    clock.shift(timedelta(minutes=31))  # Ada is still typing
    services.run_pass()  # her offer expires and 10:00 goes to Ben
    assert WaitlistOffer.objects.get(entry__first_name="Ben").start == MONDAY_10

    response = client.post(
        book_link, details_post(treatment, practitioner, MONDAY_10, idempotency_key=key)
    )

    body = response.content.decode()
    assert response.status_code == 409
    assert "Sorry, this time has gone to someone else" in body
    assert "You are still on the waiting list" in body
    assert "Leave the waiting list" in body
    assert response.context["days"]  # the day strip with the times free now
    assert not Booking.objects.active().filter(start=MONDAY_10).exists()
    assert WaitlistEntry.objects.get(first_name="Ada").status == WaitlistEntry.Status.WAITING


def test_declining_an_offer_keeps_the_place_on_the_list(client, offer_link):
    token = offer_link.split("token=")[1]
    reference = WaitlistOffer.objects.get().reference

    response = client.post(
        reverse("bookings:waitlist_offer_decline", args=[reference]), {"token": token}
    )

    assert "You turned this time down" in response.content.decode()
    assert WaitlistOffer.objects.get().status == WaitlistOffer.Status.DECLINED
    assert WaitlistEntry.objects.get().status == WaitlistEntry.Status.WAITING
    assert Hold.objects.count() == 0


def test_an_offer_link_with_a_wrong_secret_is_not_found(client, offer_link):
    reference = WaitlistOffer.objects.get().reference

    assert client.get(f"/offer/{reference}/?token=guess").status_code == 404
    assert client.post(f"/offer/{reference}/decline/", {"token": "guess"}).status_code == 404
    assert WaitlistOffer.objects.get().status == WaitlistOffer.Status.PENDING


def test_a_booked_offer_link_says_it_is_booked(client, offer_link, practitioner, treatment):
    offer_details_post(client, offer_link, treatment, practitioner)

    body = client.get(offer_link).content.decode()

    assert "You have booked this time" in body
    assert Booking.objects.get().reference in body
