"""A reception desk's day in the admin, in Chromium: book a caller in, see the day sheet,
mark the earlier patient attended; the manager changes a price."""

from datetime import time, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bookings.backoffice.roles import CLINIC_MANAGER, RECEPTION, apply_roles
from bookings.models import Booking, Treatment
from clinic.clock import local_today
from tests.browser.conftest import shot
from tests.factories import (
    BookingFactory,
    PatientFactory,
    PractitionerFactory,
    TreatmentFactory,
    UserFactory,
    WorkingHoursFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device:  # managers give the code from their app as well
        page.fill("#id_code", f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Continue").click()
    page.get_by_text("Today at the clinic").wait_for()


def staff(username, group):
    apply_roles(Group, Permission)
    user = UserFactory(username=username, password="pass-word-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if group == CLINIC_MANAGER:
        TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


def test_reception_books_a_caller_and_marks_attendance(live_server, browser):
    staff("reception", RECEPTION)
    treatment = TreatmentFactory(name="Follow-up treatment", duration_minutes=45)
    practitioner = PractitionerFactory(name="Hannah Okafor")
    for weekday in range(7):
        WorkingHoursFactory(
            practitioner=practitioner, weekday=weekday, start=time(0), end=time(23, 45)
        )
    treatment.practitioners.add(practitioner)
    PatientFactory(first_name="Ada", last_name="Lovelace")
    earlier = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=timezone.now() - timedelta(hours=2)
    )
    tomorrow = local_today() + timedelta(days=1)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "reception")
    page.goto(live_server.url + "/admin/bookings/booking/add/")
    page.click("#id_patient + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "Lovelace")
    page.locator(".select2-results__option", has_text="Ada Lovelace").click()
    page.click("#id_practitioner + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "Hannah")
    page.locator(".select2-results__option", has_text="Hannah Okafor").click()
    page.select_option("#id_treatment", label="Follow-up treatment")
    page.fill("#id_start_0", tomorrow.isoformat())
    page.fill("#id_start_1", "10:00")
    page.click("input[name=_save]")
    page.get_by_text("was added successfully").wait_for()
    booked = Booking.objects.get(patient__last_name="Lovelace")
    assert booked.created_by.username == "reception"

    page.goto(f"{live_server.url}/admin/bookings/booking/day/?date={tomorrow.isoformat()}")
    assert page.get_by_text("10:00–10:45").is_visible()
    shot(page, "admin-day-sheet")

    page.goto(live_server.url + "/admin/bookings/booking/?when=past")
    page.check(f"input[name=_selected_action][value='{earlier.pk}']")
    page.select_option("select[name=action]", "mark_attended")
    page.click("button[name=index]")
    page.get_by_text("1 booking(s) marked attended").wait_for()
    earlier.refresh_from_db()
    assert earlier.status == Booking.Status.ATTENDED
    page.close()


def test_manager_changes_a_price(live_server, browser):
    staff("manager", CLINIC_MANAGER)
    treatment = TreatmentFactory(name="Follow-up treatment")
    treatment.practitioners.add(PractitionerFactory())

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/admin/bookings/treatment/{treatment.pk}/change/")
    page.fill("#id_price", "61.50")
    page.click("input[name=_save]")
    page.get_by_text("was changed successfully").wait_for()
    assert str(Treatment.objects.get().price) == "61.50"
    page.close()
