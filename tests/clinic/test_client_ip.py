"""The client's address behind trusted proxies: for the rate limits and the login lockout."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings

from clinic.client_ip import client_ip

PROXY = "10.0.0.2"  # the load balancer, as REMOTE_ADDR


def request_from(forwarded_for=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_proxies_the_header_is_ignored():
    assert client_ip(request_from("198.51.100.9")) == PROXY


@pytest.mark.parametrize(
    "count, header, expected",
    [
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "203.0.113.7, 198.51.100.9", "198.51.100.9"),
        (1, "evil, 1.2.3.4 ,198.51.100.9", "198.51.100.9"),
        (2, "203.0.113.7, 198.51.100.9, 10.0.0.1", "198.51.100.9"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_is_the_right_most_untrusted_hop(count, header, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(request_from(header)) == expected


@pytest.mark.parametrize(
    "count, header",
    [(1, None), (1, ""), (1, " , "), (2, "198.51.100.9"), (1, "not-an-address"), (1, "1.2.3.4:80")],
)
def test_a_missing_short_or_garbled_header_falls_back_to_the_proxy(count, header):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(request_from(header)) == PROXY


# --- through the rate limit and the lockout --------------------------------------------


def ask_for_link(client, forwarded_for=None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/my-bookings/", {"email": "alex@example.org"}, **extra)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, SIGNIN_LINK_RATE_LIMIT="2/h")
def test_clients_behind_the_proxy_are_limited_one_by_one(client):
    first = [ask_for_link(client, "203.0.113.7, 198.51.100.9").status_code for _ in range(3)]
    other = ask_for_link(client, "198.51.100.10")

    assert first == [200, 200, 429]
    assert other.status_code == 200


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, SIGNIN_LINK_RATE_LIMIT="2/h")
def test_changing_the_left_of_the_header_does_not_escape_the_limit(client):
    statuses = [ask_for_link(client, f"192.0.2.{n}, 198.51.100.9").status_code for n in range(1, 5)]

    assert statuses == [200, 200, 429, 429]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, SIGNIN_LINK_RATE_LIMIT="2/h")
def test_a_missing_header_is_limited_by_the_proxy_address_not_a_500(client):
    statuses = [ask_for_link(client).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_lockout_records_the_client_not_what_it_claims(client):
    client.post(
        "/admin/login/",
        {"username": "someone", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="127.0.0.1, 198.51.100.9",
    )

    assert AccessAttempt.objects.get().ip_address == "198.51.100.9"
