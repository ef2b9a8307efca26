import pytest
from django.contrib.auth.models import Group, Permission

from bookings.backoffice.roles import CLINIC_MANAGER, RECEPTION, apply_roles
from tests.factories import UserFactory


def _staff_in(group_name, username):
    # apply_roles is idempotent; calling it keeps the groups present even after a
    # transactional test has flushed the data migration's rows.
    apply_roles(Group, Permission)
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def manager_user(db):
    return _staff_in(CLINIC_MANAGER, "manager")


@pytest.fixture
def reception_user(db):
    return _staff_in(RECEPTION, "reception")


@pytest.fixture
def manager_client(client, manager_user):
    client.force_login(manager_user)
    return client
