import pytest
from django.contrib.auth.models import Group, Permission
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bookings.backoffice.roles import CLINIC_MANAGER, RECEPTION, apply_roles
from tests.factories import UserFactory


def _staff_in(group_name, username):
    # apply_roles is idempotent; calling it keeps the groups present even after a
    # transactional test has flushed the data migration's rows.
    apply_roles(Group, Permission)
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def pass_second_factor(client, user):
    """What entering a correct code does: the session remembers the verified device.

    For tests that force_login a user who needs a second factor (a manager).
    """
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def manager_user(db):
    """A clinic manager who has set up an authenticator app (as every manager must)."""
    user = _staff_in(CLINIC_MANAGER, "manager")
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


@pytest.fixture
def reception_user(db):
    return _staff_in(RECEPTION, "reception")


@pytest.fixture
def manager_client(client, manager_user):
    client.force_login(manager_user)
    pass_second_factor(client, manager_user)
    return client


# Layers, so the fast part runs alone (`bash bin/test -m unit`). Each test gets exactly one,
# from what it needs, so a new test cannot be left out: browser tests live in tests/browser,
# the benchmark's quick run (about a minute) in tests/bench, concurrency tests fire parallel
# requests at a live server, integration tests use the database, and unit tests need neither.
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def layer(item) -> str:
    path = item.path.as_posix()
    if "/tests/browser/" in path:
        return "browser"
    if "/tests/bench/" in path:
        return "bench"
    if "concurrency" in item.path.name:
        return "concurrency"
    if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames):
        return "integration"
    return "unit"


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(layer(item))


@pytest.fixture(autouse=True)
def _no_kept_pages():
    """Each test starts with no page kept by clinic/page_cache.py: a page kept in one test
    must not answer in the next, whose database may hold other rows under equal versions
    (both fresh from the migrations, say)."""
    from clinic.page_cache import pages

    pages().clear()
