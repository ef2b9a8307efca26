"""The back office: roles, bookings through the services, actions, day sheet, history."""

import csv
import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bookings import outbox, services
from bookings.models import Booking
from tests.bookings.conftest import MONDAY_9, NOW
from tests.factories import (
    BookingFactory,
    ClinicClosureFactory,
    PatientFactory,
    PractitionerFactory,
    WorkingHoursFactory,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:bookings_booking_add")
CHANGELIST = reverse("admin:bookings_booking_changelist")


def add_form(patient, practitioner, treatment, start_local, **extra):
    """The add form as a browser posts it untouched: every health question "not asked"."""
    from bookings.backoffice.forms import BookingAddForm

    unasked = {
        f: "not_asked" for f in BookingAddForm.warning_fields + BookingAddForm.caution_fields
    }
    return {
        **unasked,
        "patient": patient.pk,
        "practitioner": practitioner.pk,
        "treatment": treatment.pk,
        "start_0": start_local.strftime("%Y-%m-%d"),
        "start_1": start_local.strftime("%H:%M"),
        "override_reason": "",
        "patient_note": "",
        "staff_notes": "",
        **extra,
    }


@pytest.fixture
def reception(reception_user):
    from django.test import Client

    client = Client()  # its own cookies, apart from the manager's `client`
    client.force_login(reception_user)
    return client


# --- roles ----------------------------------------------------------------------------


def test_reception_can_view_but_not_change_a_price(reception, treatment):
    url = reverse("admin:bookings_treatment_change", args=[treatment.pk])

    page = reception.get(url)
    response = reception.post(
        url, {"name": treatment.name, "slug": treatment.slug, "price": "1.00"}
    )

    treatment.refresh_from_db()
    assert page.status_code == 200
    assert 'name="price"' not in page.content.decode()
    assert response.status_code == 403
    assert str(treatment.price) == "55.00"


def test_manager_can_change_a_price(manager_client, treatment, practitioner):
    url = reverse("admin:bookings_treatment_change", args=[treatment.pk])
    data = {
        "name": "Follow-up",
        "slug": "follow-up",
        "description": "x",
        "duration_minutes": 45,
        "buffer_minutes": 15,
        "price": "60.00",
        "patient_kind": "any",
        "practitioners": [practitioner.pk],
        "is_active": "on",
        "order": 0,
    }
    response = manager_client.post(url, data)
    treatment.refresh_from_db()
    assert response.status_code == 302
    assert str(treatment.price) == "60.00"


@pytest.mark.parametrize(
    ("url_name", "reception_status"),
    [
        ("admin:bookings_booking_changelist", 200),
        ("admin:bookings_booking_add", 200),
        ("admin:bookings_patient_add", 200),
        ("admin:practitioners_timeoff_add", 200),
        ("admin:practitioners_practitioner_add", 403),
        ("admin:bookings_treatment_add", 403),
        ("admin:clinic_infopage_add", 403),
        ("admin:bookings_clinicclosure_add", 403),
        ("admin:auth_user_changelist", 403),
    ],
)
def test_reception_role_boundaries(reception, manager_client, url_name, reception_status):
    assert reception.get(reverse(url_name)).status_code == reception_status
    if not url_name.startswith("admin:auth"):
        assert manager_client.get(reverse(url_name)).status_code == 200


def test_practitioner_login_is_not_staff(client, practitioner):
    client.force_login(practitioner.user)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_login_locks_out_after_repeated_failures(client, manager_user):
    for _ in range(5):
        client.post("/admin/login/", {"username": "manager", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "manager", "password": "pass-word-123"})
    assert response.status_code == 429
    assert "locked" in response.content.decode().lower()


# --- booking through the services ------------------------------------------------------


def test_admin_books_a_phone_patient(reception, clock, practitioner, treatment, reception_user):
    patient = PatientFactory()
    response = reception.post(
        ADD, add_form(patient, practitioner, treatment, datetime(2026, 11, 23, 9, 5))
    )
    outbox.send_pending()  # what the mail worker does

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert booking.start == MONDAY_9 + timedelta(minutes=5)  # any minute, for staff
    assert booking.source == Booking.Source.STAFF
    assert booking.created_by == reception_user
    assert mail.outbox[0].to == [patient.email]
    assert booking.history.count() == 1  # one record: created, not created-then-resaved


def test_admin_booking_over_another_is_a_form_error(reception, clock, practitioner, treatment):
    BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    response = reception.post(
        ADD, add_form(PatientFactory(), practitioner, treatment, datetime(2026, 11, 23, 9, 30))
    )

    assert response.status_code == 200
    assert "That time was just taken." in response.context["adminform"].form.errors["start"]
    assert Booking.objects.count() == 1


def test_admin_booking_outside_hours_needs_the_override(reception, clock, practitioner, treatment):
    evening = datetime(2026, 11, 23, 18, 0)

    refused = reception.post(ADD, add_form(PatientFactory(), practitioner, treatment, evening))
    no_reason = reception.post(
        ADD,
        add_form(PatientFactory(), practitioner, treatment, evening, outside_hours_override="on"),
    )
    saved = reception.post(
        ADD,
        add_form(
            PatientFactory(),
            practitioner,
            treatment,
            evening,
            outside_hours_override="on",
            override_reason="Works late",
        ),
    )

    assert "not working" in refused.context["adminform"].form.errors["start"][0]
    assert "Give a reason" in no_reason.context["adminform"].form.errors["override_reason"][0]
    assert saved.status_code == 302
    booking = Booking.objects.get()
    assert booking.outside_hours_override and booking.override_reason == "Works late"


def test_admin_booking_in_a_closure_is_refused_even_with_override(
    reception, clock, practitioner, treatment
):
    ClinicClosureFactory(start_date=MONDAY_9.date())
    response = reception.post(
        ADD,
        add_form(
            PatientFactory(),
            practitioner,
            treatment,
            datetime(2026, 11, 23, 10, 0),
            outside_hours_override="on",
            override_reason="x",
        ),
    )
    assert "away or the clinic is closed" in response.context["adminform"].form.errors["start"][0]
    assert not Booking.objects.exists()


def test_admin_move_goes_through_reschedule(reception, clock, practitioner, treatment):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(hours=2)
    )
    url = reverse("admin:bookings_booking_change", args=[booking.pk])

    clash = reception.post(url, {"start_0": "2026-11-23", "start_1": "11:00", "staff_notes": ""})
    moved = reception.post(
        url, {"start_0": "2026-11-23", "start_1": "13:00", "staff_notes": "Asked by phone"}
    )

    booking.refresh_from_db()
    assert "just taken" in clash.context["adminform"].form.errors["start"][0]
    assert moved.status_code == 302
    assert booking.start == MONDAY_9 + timedelta(hours=4)
    assert booking.staff_notes == "Asked by phone"


def test_booking_change_page_shows_first_version_answers_and_what_was_not_asked(
    reception, clock, practitioner, treatment
):
    booking = BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=MONDAY_9,
        patient=PatientFactory(date_of_birth=date(1980, 5, 17)),
        screening_version="2026-11",
        screening_answers={"pregnant": True, "diabetes": False, "skin_problem": False},
        needs_attention=True,
    )
    page = reception.get(
        reverse("admin:bookings_booking_change", args=[booking.pk])
    ).content.decode()
    assert (
        '<li class="screening-flag">Are you pregnant, or could you be?: <strong>Yes</strong></li>'
        in page
    )
    assert "<li>Do you have diabetes?: <strong>No</strong></li>" in page
    assert (
        '<li class="screening-flag">Do you have epilepsy, or have you ever had a seizure (fit)?: '
        "<strong>Not asked</strong></li>" in page
    )
    # The first version's skin question (back and legs only) keeps its own words.
    assert (
        "<li>Do you have broken skin, a rash or an infection on your back or legs?: "
        "<strong>No</strong></li>" in page
    )
    listing = reception.get(CHANGELIST).content.decode()
    assert (
        "⚠ Screening incomplete: 25 questions not asked; ask before needling; "
        "Pregnant or may be pregnant" in listing
    )


# --- actions ---------------------------------------------------------------------------


def action(client, name, bookings, **filters):
    data = {"action": name, "_selected_action": [b.pk for b in bookings]}
    return client.post(
        CHANGELIST + ("?" + "&".join(f"{k}={v}" for k, v in filters.items()) if filters else ""),
        data,
    )


def test_mark_attended_and_no_show_only_for_past_bookings(
    reception, clock, practitioner, treatment
):
    past = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW - timedelta(days=1)
    )
    future = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)

    action(reception, "mark_attended", [past, future])
    action(reception, "mark_no_show", [future])

    past.refresh_from_db()
    future.refresh_from_db()
    assert past.status == Booking.Status.ATTENDED
    assert future.status == Booking.Status.CONFIRMED


def test_cancel_action_emails_the_patient(reception, clock, practitioner, treatment):
    booking = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=NOW + timedelta(hours=3)
    )
    action(reception, "cancel_bookings", [booking])
    outbox.send_pending()  # what the mail worker does
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert mail.outbox[0].to == [booking.patient.email]


def test_resend_confirmation(reception, clock, practitioner, treatment):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    action(reception, "resend_confirmation", [booking])
    outbox.send_pending()  # what the mail worker does
    assert mail.outbox[0].subject == f"Your booking is confirmed: {booking.reference}"


def test_csv_export_has_exactly_the_filtered_bookings_and_is_spreadsheet_safe(
    reception, clock, practitioner, treatment
):
    other = PractitionerFactory()
    risky = PatientFactory(first_name='=HYPERLINK("http://x")', last_name="+1", phone="-2")
    mine = [
        BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            start=MONDAY_9 + timedelta(hours=h),
            patient=risky,
            patient_note="@SUM(A1)",
        )
        for h in range(3)
    ]
    BookingFactory(practitioner=other, treatment=treatment, start=MONDAY_9)

    response = reception.post(
        CHANGELIST + f"?practitioner__id__exact={practitioner.pk}",
        {
            "action": "export_csv",
            "select_across": "1",
            "index": "0",
            "_selected_action": [mine[0].pk],
        },
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert [r[0] for r in rows[1:]] == [b.reference for b in mine]
    assert rows[1][6] == '\'=HYPERLINK("http://x") +1'
    assert rows[1][8] == "'-2"
    assert rows[1][11] == "'@SUM(A1)"
    assert rows[1][1] == "2026-11-23 09:00"


# --- day sheet, week, index ------------------------------------------------------------


def test_day_sheet_shows_the_days_bookings_in_clinic_time(
    reception, clock, practitioner, treatment
):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(days=1)
    )

    response = reception.get(reverse("admin:bookings_booking_day"), {"date": "2026-11-23"})

    [column] = response.context["columns"]
    bookings = [e for e in column.entries if hasattr(e, "reference")]
    assert bookings == [booking]
    assert "09:00–09:45" in response.content.decode()
    assert "10:00–17:00 free" in response.content.decode()


def test_day_sheet_shows_a_held_time_as_held_not_free(reception, clock, practitioner, treatment):
    """A time a patient is holding online cannot be booked by hand either: the sheet says
    it is held, and until when, rather than offering it as free."""
    hold = services.hold_time(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9, holder="browser:x"
    )

    body = reception.get(reverse("admin:bookings_booking_day"), {"date": "2026-11-23"})
    body = body.content.decode()

    expires = timezone.localtime(hold.expires_at).strftime("%H:%M")
    assert f"09:00–09:45 held online until {expires}" in body
    assert "09:00–17:00 free" not in body
    assert "10:00–17:00 free" in body

    clock.move_to(hold.expires_at)
    body = reception.get(reverse("admin:bookings_booking_day"), {"date": "2026-11-23"})
    assert "09:00–17:00 free" in body.content.decode()  # an expired hold holds nothing


def test_day_sheet_on_a_daylight_saving_day(reception, practitioner, treatment):
    # Sunday 29 March 2026, the clocks go forward at 01:00 GMT.
    WorkingHoursFactory(practitioner=practitioner, weekday=6, start=time(9), end=time(12))
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=datetime(2026, 3, 29, 8, 0, tzinfo=UTC),
    )  # 09:00 BST
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=datetime(2026, 3, 28, 23, 30, tzinfo=UTC),
    )  # Saturday night

    with time_machine.travel(datetime(2026, 3, 20, tzinfo=UTC)):
        response = reception.get(reverse("admin:bookings_booking_day"), {"date": "2026-03-29"})

    body = response.content.decode()
    [column] = response.context["columns"]
    assert len([e for e in column.entries if hasattr(e, "reference")]) == 1
    assert "09:00–09:45" in body
    assert "10:00–12:00 free" in body


def test_day_sheet_query_count_is_constant(reception, clock, treatment):
    def busy_practitioners(n):
        for p in PractitionerFactory.create_batch(n):
            WorkingHoursFactory(practitioner=p, weekday=0)
            for h in range(4):
                BookingFactory(
                    practitioner=p, treatment=treatment, start=MONDAY_9 + timedelta(hours=2 * h)
                )

    def day_sheet_queries():
        with CaptureQueriesContext(connection) as queries:
            response = reception.get(reverse("admin:bookings_booking_day"), {"date": "2026-11-23"})
        return len(queries), len(response.context["columns"])

    busy_practitioners(2)
    day_sheet_queries()  # the first page of a session loads what later pages reuse
    few = day_sheet_queries()
    busy_practitioners(10)
    many = day_sheet_queries()

    assert (few[1], many[1]) == (2, 12)
    assert many[0] == few[0]


def test_week_view_shows_a_practitioners_week(reception, clock, practitioner, treatment):
    BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9 + timedelta(days=2)
    )
    response = reception.get(
        reverse("admin:bookings_booking_week"),
        {"practitioner": practitioner.slug, "date": "2026-11-25"},
    )
    days = response.context["days"]
    assert [d for d, _ in days][0].isoformat() == "2026-11-23"
    assert "Wed 25 Nov" in response.content.decode()


def test_admin_index_shows_today_flags_and_no_show_rate(reception, clock, practitioner, treatment):
    BookingFactory(
        practitioner=practitioner,
        treatment=treatment,
        start=NOW + timedelta(hours=3),
        needs_attention=True,
        screening_answers={"pacemaker": True},
    )
    for days, status in [(2, "attended"), (3, "attended"), (4, "no_show"), (5, "attended")]:
        BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            start=NOW - timedelta(days=days),
            status=status,
        )

    body = reception.get("/admin/").content.decode()

    assert "25%" in body
    assert "Pacemaker or implanted device" in body


# --- history ---------------------------------------------------------------------------


def test_history_records_who_changed_what(
    reception, reception_user, clock, practitioner, treatment
):
    booking = BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)
    url = reverse("admin:bookings_booking_change", args=[booking.pk])
    reception.post(
        url,
        {"start_0": "2026-11-23", "start_1": "11:00", "staff_notes": "Moved at patient's request"},
    )

    page = reception.get(url).content.decode()
    latest = booking.history.first()
    assert latest.history_user == reception_user
    assert "reception" in page
    assert "staff_notes" in page or "start" in page
    history = reception.get(reverse("admin:bookings_booking_history", args=[booking.pk]))
    assert history.status_code == 200


def test_patient_autocomplete_answers_for_reception(reception, clock):
    PatientFactory(first_name="Ada", last_name="Lovelace")
    PatientFactory(first_name="Bob", last_name="Lovelace")
    response = reception.get(
        "/admin/autocomplete/",
        {
            "term": "Lovelace",
            "app_label": "bookings",
            "model_name": "booking",
            "field_name": "patient",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Ada Lovelace", "Bob Lovelace"]
