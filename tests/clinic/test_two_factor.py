"""Two-step sign-in to the admin: required for managers, open to reception, in the site's look."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bookings.backoffice.roles import CLINIC_MANAGER, RECEPTION, apply_roles
from tests.factories import PractitionerFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
VERIFY = "/accounts/two-step/?next=%2Fadmin%2F"
SETUP = "/accounts/two-step/set-up/?next=%2Fadmin%2F"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def staff(username, group, device=False):
    apply_roles(Group, Permission)
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if device:
        TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


def code_for(user, offset=0) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, t0=-offset * device.step):06d}"


def password_sign_in(client, username):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": "pass-word-123", "next": "/admin/"},
    )


# --- managers must --------------------------------------------------------------------


def test_manager_password_alone_does_not_open_the_admin(client):
    staff("manager", CLINIC_MANAGER, device=True)

    signed_in = password_sign_in(client, "manager")
    admin = client.get("/admin/")

    assert signed_in.status_code == 302
    assert signed_in["Location"] == VERIFY
    assert admin.status_code == 302
    assert client.get(admin["Location"])["Location"] == VERIFY


def test_manager_with_the_right_code_reaches_the_admin(client):
    manager = staff("manager", CLINIC_MANAGER, device=True)
    password_sign_in(client, "manager")

    response = client.post(VERIFY, {"code": code_for(manager), "next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_explained_and_keeps_the_admin_closed(client):
    manager = staff("manager", CLINIC_MANAGER, device=True)
    password_sign_in(client, "manager")
    wrong = f"{(int(code_for(manager)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong, "next": "/admin/"})

    assert response.status_code == 200
    assert "That code did not match." in response.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("typed", ["", "12345", "abcdef", "1234567", "١٢٣٤٥٦"])
def test_a_code_that_is_not_six_digits_is_refused_plainly(client, typed):
    staff("manager", CLINIC_MANAGER, device=True)
    password_sign_in(client, "manager")

    response = client.post(VERIFY, {"code": typed, "next": "/admin/"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] in (
        ["This field is required."],
        ["Please enter the 6 digits your app shows now."],
    )


def test_guessing_is_slowed_down(client, clock):
    manager = staff("manager", CLINIC_MANAGER, device=True)
    password_sign_in(client, "manager")
    client.post(VERIFY, {"code": "000000", "next": "/admin/"})

    right_too_soon = client.post(VERIFY, {"code": code_for(manager), "next": "/admin/"})
    clock.shift(timedelta(seconds=2))
    right_later = client.post(VERIFY, {"code": code_for(manager), "next": "/admin/"})

    assert "Too many wrong codes in a row." in right_too_soon.content.decode()
    assert right_later.status_code == 302


def test_a_code_cannot_be_used_twice(client):
    manager = staff("manager", CLINIC_MANAGER, device=True)
    code = code_for(manager)
    password_sign_in(client, "manager")
    client.post(VERIFY, {"code": code, "next": "/admin/"})
    other = Client()
    password_sign_in(other, "manager")

    replay = other.post(VERIFY, {"code": code, "next": "/admin/"})

    assert "That code did not match." in replay.content.decode()


def test_after_the_code_the_session_key_changes(client):
    manager = staff("manager", CLINIC_MANAGER, device=True)
    password_sign_in(client, "manager")
    before = client.session.session_key

    client.post(VERIFY, {"code": code_for(manager), "next": "/admin/"})

    assert client.session.session_key != before


def test_next_cannot_lead_off_the_site(client):
    manager = staff("manager", CLINIC_MANAGER, device=True)
    password_sign_in(client, "manager")

    response = client.post(
        "/accounts/two-step/", {"code": code_for(manager), "next": "https://evil.example/"}
    )

    assert response["Location"] == "/admin/"


def test_signing_in_as_a_manager_over_a_reception_sign_in_still_asks_for_the_code(client):
    staff("manager", CLINIC_MANAGER, device=True)
    client.force_login(staff("reception", RECEPTION))

    response = password_sign_in(client, "manager")

    assert response["Location"] == VERIFY


def test_superusers_need_the_second_factor_too(client):
    UserFactory(username="root", is_staff=True, is_superuser=True)

    response = password_sign_in(client, "root")

    assert response["Location"] == VERIFY
    assert client.get(VERIFY)["Location"] == SETUP


# --- enrolment at first sign-in ---------------------------------------------------------


def test_manager_without_an_app_sets_one_up_at_first_sign_in(client):
    manager = staff("newmanager", CLINIC_MANAGER)
    password_sign_in(client, "newmanager")

    page = client.get(client.get(VERIFY)["Location"])
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=manager)

    assert page.status_code == 200
    assert "Set up two-step sign-in" in html
    assert '<img src="data:image/svg+xml;base64,' in html
    assert page.context["key"].replace(" ", "") in device.config_url
    assert "<script>" not in html and "style=" not in html
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302

    done = client.post(SETUP, {"code": code_for(manager), "next": "/admin/"})

    device.refresh_from_db()
    assert done["Location"] == "/admin/"
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_enrolment_with_a_wrong_code_turns_nothing_on(client):
    manager = staff("newmanager", CLINIC_MANAGER)
    password_sign_in(client, "newmanager")
    client.get(SETUP)
    wrong = f"{(int(code_for(manager)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"code": wrong, "next": "/admin/"})

    assert "That code did not match." in response.content.decode()
    assert not TOTPDevice.objects.get(user=manager).confirmed
    assert client.get("/admin/").status_code == 302


def test_reloading_the_set_up_page_keeps_the_same_key(client):
    staff("newmanager", CLINIC_MANAGER)
    password_sign_in(client, "newmanager")

    first, second = client.get(SETUP), client.get(SETUP)

    assert first.context["key"] == second.context["key"]
    assert TOTPDevice.objects.count() == 1


def test_a_password_alone_cannot_replace_a_managers_app(client):
    manager = staff("manager", CLINIC_MANAGER, device=True)
    password_sign_in(client, "manager")

    response = client.get(SETUP)

    assert response["Location"] == VERIFY
    assert list(TOTPDevice.objects.filter(user=manager).values_list("name", flat=True)) == ["Phone"]


# --- reception may ----------------------------------------------------------------------


def test_reception_without_an_app_signs_in_with_a_password(client):
    staff("reception", RECEPTION)

    response = password_sign_in(client, "reception")

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert "Two-step sign-in" in client.get("/admin/").content.decode()


def test_reception_who_opts_in_is_asked_for_a_code_from_then_on(client):
    reception = staff("reception", RECEPTION)
    password_sign_in(client, "reception")
    client.get(SETUP)
    client.post(SETUP, {"code": code_for(reception), "next": "/admin/"})
    later = Client()

    response = password_sign_in(later, "reception")

    assert TOTPDevice.objects.get(user=reception).confirmed
    assert response["Location"] == VERIFY


def test_practitioners_have_no_two_step_pages(client):
    user = UserFactory(username="hannah")
    PractitionerFactory(user=user)
    client.force_login(user)

    assert client.get(SETUP).status_code == 404
    assert client.get(VERIFY).status_code == 404


# --- a lost phone ---------------------------------------------------------------------


def test_reset_second_factor_removes_the_app_so_the_next_sign_in_sets_one_up(client):
    manager = staff("manager", CLINIC_MANAGER, device=True)

    call_command("reset_second_factor", "manager")

    assert not TOTPDevice.objects.filter(user=manager).exists()
    password_sign_in(client, "manager")
    assert client.get(VERIFY)["Location"] == SETUP


def test_the_test_fixture_manager_is_verified(manager_client):
    assert manager_client.get("/admin/").status_code == 200


def test_staff_powers_outside_the_admin_wait_for_the_code(client):
    from clinic.two_factor import acts_as_staff

    manager = staff("manager", CLINIC_MANAGER, device=True)
    reception = staff("reception", RECEPTION)
    password_sign_in(client, "manager")
    page = client.get("/")  # a request through the middleware, with the session

    assert acts_as_staff(page.wsgi_request) is False
    client.post(VERIFY, {"code": code_for(manager), "next": "/admin/"})
    assert acts_as_staff(client.get("/").wsgi_request) is True
    other = Client()
    other.force_login(reception)
    assert acts_as_staff(other.get("/").wsgi_request) is True


def test_reset_second_factor_for_an_unknown_user_says_so():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user named 'nobody'."):
        call_command("reset_second_factor", "nobody")
