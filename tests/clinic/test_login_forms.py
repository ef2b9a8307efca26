"""Both sign-in pages answer any username with the form's own message, never a 500.

django-axes records each failed username in a 255-character column: on PostgreSQL a longer
one failed the insert. Our usernames are at most 150 characters, so a longer one cannot
be anyone's and is refused before any lookup or record.
"""

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db

INVALID = {
    "/accounts/login/": "Please enter a correct username and password.",
    "/admin/login/": "Please enter the correct username and password for a staff account.",
}


@pytest.mark.parametrize("length", [151, 256, 5000])
@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_overlong_username_gets_the_normal_sign_in_error(client, url, length):
    response = client.post(url, {"username": "a" * length, "password": "pass-word-123"})

    assert response.status_code == 200
    assert INVALID[url] in response.content.decode()
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_wrong_password_is_still_recorded_for_the_lockout(client, url):
    response = client.post(url, {"username": "someone", "password": "wrong"})

    assert response.status_code == 200
    assert INVALID[url] in response.content.decode()
    assert AccessAttempt.objects.get().username == "someone"


def test_a_150_character_username_can_still_sign_in(client):
    from tests.factories import PractitionerFactory, UserFactory

    user = UserFactory(username="u" * 150)
    PractitionerFactory(user=user)

    response = client.post("/accounts/login/", {"username": "u" * 150, "password": "pass-word-123"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
