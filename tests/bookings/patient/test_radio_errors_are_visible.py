"""An unanswered question shows its error where it can be seen and read out:
not hidden by Bootstrap's invalid-feedback rule, and tied to every radio of the group."""

import re

import pytest

from tests.bookings.conftest import MONDAY_9, details_post

pytestmark = pytest.mark.django_db


def test_every_unanswered_radio_group_shows_its_error_tied_to_the_field(
    client, clock, practitioner, treatment
):
    data = details_post(treatment, practitioner, MONDAY_9, q_pregnant=None, q_diabetes=None)

    body = client.post("/book/details/", data).content.decode()

    for name in ("q_pregnant", "q_diabetes"):
        error = re.search(
            rf'<div id="id_{name}_error" class="([^"]*)"[^>]*>(.*?)</div>', body, re.S
        )
        assert error, name
        assert "d-block" in error.group(1).split()
        assert "Please answer" in error.group(2)
        radios = re.findall(rf'<input type="radio"[^>]*name="{name}"[^>]*>', body)
        assert len(radios) >= 2
        for radio in radios:
            assert f'aria-describedby="id_{name}_error"' in radio
            assert 'aria-invalid="true"' in radio
    assert 'id="id_q_bleeding_error"' not in body  # answered: no error
