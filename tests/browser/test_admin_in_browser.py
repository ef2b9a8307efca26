"""The manager changes a price in the admin, in Chromium. Reception's day is in
test_staff_journeys."""

import pytest
from django.contrib.auth.models import Group, Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bookings.backoffice.roles import CLINIC_MANAGER, apply_roles
from bookings.models import Treatment
from tests.factories import (
    PractitionerFactory,
    TreatmentFactory,
    UserFactory,
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
