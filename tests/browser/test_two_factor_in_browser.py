"""A new clinic manager's first sign-in in Chromium: set up the app, then the admin opens."""

import pytest
from django.contrib.auth.models import Group, Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bookings.backoffice.roles import CLINIC_MANAGER, apply_roles
from tests.browser.conftest import shot
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_new_manager_sets_up_two_step_sign_in_and_reaches_the_admin(live_server, browser, width):
    apply_roles(Group, Permission)
    manager = UserFactory(username="manager", password="pass-word-123", is_staff=True)
    manager.groups.add(Group.objects.get(name=CLINIC_MANAGER))
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.get_by_role("heading", name="Set up two-step sign-in").wait_for()
    qr = page.get_by_alt_text("QR code for setting up two-step sign-in")
    shot(page, f"two-step-set-up-{width}")

    assert qr.evaluate("img => img.naturalWidth") > 0  # the SVG loaded under the CSP
    assert qr.bounding_box()["width"] == 200
    assert problems == []
    device = TOTPDevice.objects.get(user=manager)
    page.fill("#id_code", f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.get_by_text("Today at the clinic").wait_for()
    device.refresh_from_db()
    assert device.confirmed
    page.close()
