"""Races are proven, not assumed: parallel requests at a live server for holds and offers,
and two waiting-list workers at once. Run on SQLite and on PostgreSQL."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import time, timedelta

import pytest
import time_machine
from django.db import connections
from django.utils import timezone

from bookings import services
from bookings.models import Booking, Hold, OutgoingEmail, WaitlistEntry, WaitlistOffer
from bookings.services import holds as hold_service
from bookings.waitlist.matching import part_range
from tests.bookings.conftest import details_post
from tests.factories import (
    BookingFactory,
    PractitionerFactory,
    TreatmentFactory,
    WorkingHoursFactory,
)
from tests.live import Browser

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 20


def csrf_of(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def at_once(calls):
    """Run the calls in threads released together; their results, in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i):
        barrier.wait()
        try:
            results[i] = calls[i]()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.fixture
def diary():
    treatment = TreatmentFactory(slug="follow-up", duration_minutes=45, buffer_minutes=15)
    practitioner = PractitionerFactory(slug="hannah", name="Hannah Okafor")
    for weekday in range(7):
        WorkingHoursFactory(practitioner=practitioner, weekday=weekday, start=time(9), end=time(17))
    treatment.practitioners.add(practitioner)
    return treatment, practitioner


def first_free_time(base):
    _, page = Browser(base).get("/book/time/?treatment=follow-up&practitioner=hannah")
    starts = re.findall(r"start=([^\"&]+)", page)
    return [urllib.parse.unquote(s) for s in starts]


def hold_path(start):
    return f"/book/hold/?treatment=follow-up&practitioner=hannah&start={urllib.parse.quote(start)}"


def ready_to_hold(base):
    browser = Browser(base)
    _, page = browser.get("/book/time/?treatment=follow-up&practitioner=hannah")
    return browser, csrf_of(page)


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    # The rate limit's counter is a row in the database cache that every request from
    # this one address updates: it would queue the requests and hide the race.
    settings.RATELIMIT_ENABLE = False


def test_parallel_hold_requests_for_one_time_make_exactly_one_hold(live_server, diary):
    start = first_free_time(live_server.url)[0]
    browsers = [ready_to_hold(live_server.url) for _ in range(PARALLEL)]

    results = at_once(
        [
            lambda b=b, csrf=csrf: b.post(hold_path(start), {"csrfmiddlewaretoken": csrf})
            for b, csrf in browsers
        ]
    )

    statuses = sorted(status for status, _ in results)
    winners = [html for status, html in results if status == 200 and "Held for you until" in html]
    losers = [html for status, html in results if status == 409]
    assert Hold.objects.count() == 1
    assert len(winners) == 1, statuses
    assert len(losers) == PARALLEL - 1, statuses
    assert all("someone else has just chosen that time" in html for html in losers)


def test_control_without_the_recheck_the_harness_sees_the_race(live_server, diary, monkeypatch):
    # The same race with the re-check under the lock switched off: many holds for one
    # time. This shows the test above would notice if the protection went.
    monkeypatch.setattr(hold_service, "check_time", lambda **kwargs: None)
    start = first_free_time(live_server.url)[0]
    browsers = [ready_to_hold(live_server.url) for _ in range(5)]

    at_once(
        [
            lambda b=b, csrf=csrf: b.post(hold_path(start), {"csrfmiddlewaretoken": csrf})
            for b, csrf in browsers
        ]
    )

    assert Hold.objects.count() > 1


def test_a_hold_racing_a_booking_never_both_win(live_server, diary):
    treatment, practitioner = diary
    # Hourly times, so that one round's winner never overlaps the next round's time.
    starts = [s for s in first_free_time(live_server.url) if ":00:00" in s][:6]
    for start in starts:
        holder, csrf = ready_to_hold(live_server.url)
        booker = Browser(live_server.url)
        _, form = booker.get(
            f"/book/details/?treatment=follow-up&practitioner=hannah&start={urllib.parse.quote(start)}"
        )
        key = re.search(r'name="idempotency_key" value="([^"]+)"', form).group(1)
        post = details_post(
            treatment,
            practitioner,
            timezone.datetime.fromisoformat(start),
            idempotency_key=key,
            email=f"booker-{key[:6]}@example.org",
        )
        post["csrfmiddlewaretoken"] = csrf_of(form)

        results = at_once(
            [
                lambda h=holder, s=start, c=csrf: h.post(hold_path(s), {"csrfmiddlewaretoken": c}),
                lambda b=booker, p=post: b.post("/book/details/", p),
            ]
        )

        moment = timezone.datetime.fromisoformat(start)
        held = Hold.objects.filter(start=moment, expires_at__gt=timezone.now()).count()
        booked = Booking.objects.filter(start=moment).count()
        assert held + booked == 1, results
        assert 500 not in [status for status, _ in results]


def offer_setup(treatment, practitioner):
    """Ada waits for Monday mornings; Hannah's Monday 10:00 is offered to her."""
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    start = timezone.make_aware(timezone.datetime.combine(monday, time(10)))
    ada = services.join_waitlist(
        first_name="Ada",
        last_name="Waiting",
        email="ada@example.org",
        wishes=services.Wishes(
            treatment=treatment,
            practitioner=None,
            condition=None,
            ranges=[part_range(monday.weekday(), "morning")],
            until=monday,
        ),
    )
    return ada, start


def test_accepting_an_offer_racing_a_normal_booking_and_a_second_acceptance_books_once(
    live_server, diary
):
    treatment, practitioner = diary
    ada, start = offer_setup(treatment, practitioner)
    ben = Browser(live_server.url)
    _, ben_form = ben.get(
        f"/book/details/?treatment=follow-up&practitioner=hannah&start={urllib.parse.quote(start.isoformat())}"
    )
    services.make_offer(entry=ada, practitioner=practitioner, start=start)
    link = re.search(
        r"(/offer/\w+/)\?token=([\w-]+)",
        OutgoingEmail.objects.get(kind="waitlist_offer").body_text,
    )
    book_path = f"{link.group(1)}book/?token={link.group(2)}"
    tabs = []
    for _ in range(2):  # the same offer open in two tabs
        tab = Browser(live_server.url)
        _, page = tab.get(book_path)
        key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
        data = details_post(treatment, practitioner, start, idempotency_key=key)
        data["csrfmiddlewaretoken"] = csrf_of(page)
        tabs.append((tab, data))
    ben_post = details_post(
        treatment,
        practitioner,
        start,
        idempotency_key="ben-form",
        email="ben@example.org",
    )
    ben_post["csrfmiddlewaretoken"] = csrf_of(ben_form)

    results = at_once(
        [
            lambda: tabs[0][0].post(book_path, tabs[0][1]),
            lambda: tabs[1][0].post(book_path, tabs[1][1]),
            lambda: ben.post("/book/details/", ben_post),
        ]
    )

    statuses = [status for status, _ in results]
    booking = Booking.objects.get()
    assert booking.patient.email == "alex@example.org"  # Ada's form (details_post's name)
    assert 500 not in statuses
    tab_pages = sorted(html for _, html in results[:2])
    assert sum("You're booked in" in html for html in tab_pages) == 1, statuses
    assert sum("booked this time" in html for html in tab_pages) == 1, statuses
    assert results[2][0] == 409 and "just taken" in results[2][1]
    assert WaitlistOffer.objects.get().status == WaitlistOffer.Status.ACCEPTED


def test_an_expired_offer_racing_a_normal_booking_still_gives_exactly_one_booking(
    live_server, diary
):
    treatment, practitioner = diary
    ada, start = offer_setup(treatment, practitioner)
    ben = Browser(live_server.url)
    _, ben_form = ben.get(
        f"/book/details/?treatment=follow-up&practitioner=hannah&start={urllib.parse.quote(start.isoformat())}"
    )
    offer = services.make_offer(entry=ada, practitioner=practitioner, start=start)
    link = re.search(
        r"(/offer/\w+/)\?token=([\w-]+)",
        OutgoingEmail.objects.get(kind="waitlist_offer").body_text,
    )
    book_path = f"{link.group(1)}book/?token={link.group(2)}"
    ada_tab = Browser(live_server.url)
    _, page = ada_tab.get(book_path)
    ada_post = details_post(
        treatment,
        practitioner,
        start,
        idempotency_key=re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1),
    )
    ada_post["csrfmiddlewaretoken"] = csrf_of(page)
    ben_post = details_post(
        treatment, practitioner, start, idempotency_key="ben-form", email="ben@example.org"
    )
    ben_post["csrfmiddlewaretoken"] = csrf_of(ben_form)
    # The offer ran out a moment ago and no worker has passed it on yet.
    past = timezone.now() - timedelta(seconds=1)
    Hold.objects.filter(offer=offer).update(expires_at=past)
    WaitlistOffer.objects.filter(pk=offer.pk).update(expires_at=past)

    results = at_once(
        [
            lambda: ada_tab.post(book_path, ada_post),
            lambda: ben.post("/book/details/", ben_post),
        ]
    )

    statuses = sorted(status for status, _ in results)
    assert Booking.objects.count() == 1
    assert statuses == [200, 409], statuses


def test_two_workers_pass_an_expired_offer_on_exactly_once(diary):
    treatment, practitioner = diary
    with time_machine.travel(timezone.now(), tick=False) as clock:
        ada, start = offer_setup(treatment, practitioner)
        for hour in (9, 11):  # only 10:00 is free on Monday morning
            BookingFactory(
                practitioner=practitioner, treatment=treatment, start=start.replace(hour=hour)
            )
        for name in ("Ben", "Cy"):
            services.join_waitlist(
                first_name=name,
                last_name="Waiting",
                email=f"{name.lower()}@example.org",
                wishes=services.Wishes(
                    treatment=treatment,
                    practitioner=None,
                    condition=None,
                    ranges=[part_range(start.weekday(), "morning")],
                    until=start.date(),
                ),
            )
        services.run_pass()
        assert WaitlistOffer.objects.get().entry == ada
        clock.shift(timedelta(minutes=31))

        reports = at_once([services.run_pass, services.run_pass])

    assert sum(r.expired for r in reports) == 1
    assert sum(r.offered for r in reports) == 1
    ada_offer, ben_offer = WaitlistOffer.objects.order_by("pk")
    assert ada_offer.status == WaitlistOffer.Status.EXPIRED
    assert (ben_offer.entry.first_name, ben_offer.start) == ("Ben", start)
    assert [e.to for e in OutgoingEmail.objects.filter(kind="waitlist_offer")] == [
        "ada@example.org",
        "ben@example.org",
    ]
    assert WaitlistEntry.objects.get(first_name="Cy").offers.count() == 0
