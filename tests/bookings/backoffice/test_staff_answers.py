"""What staff see is right: view on site, resend, CSV for Excel, history, past time off,
free gaps that book and the sign-out page."""

import html
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse

from bookings.models import Booking, OutgoingEmail
from practitioners.models import TimeOff
from tests.bookings.backoffice.test_admin import CHANGELIST, action
from tests.bookings.conftest import MONDAY_9, details_post
from tests.factories import BookingFactory, PatientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reception(reception_user):
    from django.test import Client

    client = Client()
    client.force_login(reception_user)
    return client


def test_view_on_site_opens_a_page_staff_can_use(reception, clock, practitioner, treatment):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    page = reception.get(reverse("admin:bookings_booking_change", args=[booking.pk]))
    target = reverse("schedule:booking", args=[booking.reference])

    assert f'href="{target}"' in page.content.decode()
    assert "View on site" in page.content.decode()
    assert reception.get(target).status_code == 200


def test_resend_confirmation_does_not_tell_the_practitioner_again(
    reception, clock, practitioner, treatment
):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    action(reception, "resend_confirmation", [booking])

    assert list(OutgoingEmail.objects.values_list("kind", "to")) == [
        ("confirmed", booking.patient.email)
    ]


def test_csv_export_starts_with_a_byte_order_mark_for_excel(
    reception, clock, practitioner, treatment
):
    booking = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(first_name="Zoë", last_name="Wróbel"),
    )

    response = reception.post(
        CHANGELIST, {"action": "export_csv", "index": "0", "_selected_action": [booking.pk]}
    )

    assert response.content.startswith("\ufeff".encode())
    assert "Zoë Wróbel" in response.content.decode("utf-8-sig")
    assert response.content.decode("utf-8-sig").startswith("Reference,")


def test_history_names_the_patient_for_their_own_online_changes(
    client, reception, clock, practitioner, treatment
):
    client.post("/book/details/", details_post(treatment, practitioner, MONDAY_9))
    booking = Booking.objects.get()

    page = reception.get(reverse("admin:bookings_booking_history", args=[booking.pk]))

    body = page.content.decode()
    assert "patient (online)" in body
    assert ">None<" not in body.replace(" ", "").replace("\n", "")


def test_staff_bookings_made_outside_a_request_name_the_staff_member(
    clock, practitioner, treatment, reception_user
):
    from bookings import services

    booking = services.book(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(),
        screening_answers={},
        consented=False,
        created_by=reception_user,
        notify=False,
    )

    assert booking.history.get().history_user == reception_user


def test_time_off_wholly_in_the_past_is_refused_on_the_schedule(client, clock, practitioner):
    client.force_login(practitioner.user)

    response = client.post(
        "/schedule/time-off/",
        {"start_date": "2026-11-18", "end_date": "2026-11-19", "reason": "holiday"},
    )

    assert response.status_code == 200
    assert "That time off is over already" in html.unescape(response.content.decode())
    assert not TimeOff.objects.exists()


def test_time_off_wholly_in_the_past_is_refused_in_the_admin(reception, clock, practitioner):
    response = reception.post(
        reverse("admin:practitioners_timeoff_add"),
        {
            "practitioner": practitioner.pk,
            "start_0": "2026-11-18",
            "start_1": "09:00",
            "end_0": "2026-11-19",
            "end_1": "17:00",
            "reason": "holiday",
            "note": "",
        },
    )

    assert response.status_code == 200
    assert "That time off is over already" in html.unescape(response.content.decode())
    assert not TimeOff.objects.exists()


def test_time_off_that_is_still_running_is_accepted(client, clock, practitioner):
    client.force_login(practitioner.user)

    client.post(
        "/schedule/time-off/",
        {"start_date": "2026-11-19", "end_date": "2026-11-20", "reason": "sickness"},
    )

    assert TimeOff.objects.count() == 1


def test_a_free_gap_on_the_day_sheet_opens_the_add_form_filled_in(
    reception, clock, practitioner, treatment
):
    BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    sheet = reception.get(reverse("admin:bookings_booking_day"), {"date": "2026-11-23"})
    gap_start = MONDAY_9 + timedelta(hours=1)
    link = (
        reverse("admin:bookings_booking_add")
        + f"?practitioner={practitioner.pk}&amp;start={quote(gap_start.isoformat())}"
    )

    add = reception.get(html.unescape(link))

    assert f'href="{link}"' in sheet.content.decode()
    form = add.context["adminform"].form
    assert form.initial["practitioner"] == str(practitioner.pk)
    assert form.initial["start"] == datetime(2026, 11, 23, 10, 0, tzinfo=gap_start.tzinfo)
    assert 'value="23/11/2026"' in add.content.decode()
    assert 'value="10:00:00"' in add.content.decode()


def test_a_bad_start_in_the_add_link_is_ignored(reception, clock):
    add = reception.get(reverse("admin:bookings_booking_add"), {"start": "not-a-time"})
    assert add.status_code == 200
    assert "start" not in add.context["adminform"].form.initial


def test_get_on_sign_out_is_a_page_with_a_button(client, practitioner):
    client.force_login(practitioner.user)

    page = client.get("/accounts/logout/")
    signed_out = client.post("/accounts/logout/")

    assert page.status_code == 200
    assert "Sign out" in page.content.decode()
    assert 'method="post"' in page.content.decode()
    assert signed_out.status_code == 200
    assert "You are signed out" in signed_out.content.decode()


def test_get_on_sign_out_when_signed_out_says_so(client):
    page = client.get("/accounts/logout/")
    assert page.status_code == 200
    assert "You are not signed in" in page.content.decode()
