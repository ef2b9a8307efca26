"""Every "next free" a patient sees says the same as the API, for every practitioner of the
demo clinic: the directory, the profile, step 2 of booking and the availability API."""

import io

import pytest
from django.core.management import call_command

from clinic.clock import local_date
from practitioners.models import Practitioner

pytestmark = pytest.mark.django_db


def api_first_slot(client, practitioner, treatment, day):
    response = client.get(
        "/api/availability/",
        {"practitioner": practitioner.slug, "service": treatment.slug, "date": day.isoformat()},
    )
    assert response.status_code == 200
    slots = response.json()["slots"]
    return slots[0] if slots else None


def test_next_free_is_the_same_on_every_page_and_in_the_api(client, clock):
    call_command("seed_demo", stdout=io.StringIO())
    directory = client.get("/practitioners/").context["next_free"]
    practitioners = list(Practitioner.objects.listed())
    assert len(practitioners) >= 6

    step_2_pages = {}  # a page asked for again is served whole (clinic/page_cache.py)
    for practitioner in practitioners:
        treatment, (listed_first,) = directory[practitioner.pk]
        profile = client.get(practitioner.get_absolute_url()).context
        if treatment.slug not in step_2_pages:
            page = client.get("/book/practitioner/", {"treatment": treatment.slug})
            step_2_pages[treatment.slug] = dict(page.context["practitioners"])
        step_2 = step_2_pages[treatment.slug]
        in_api = api_first_slot(client, practitioner, treatment, local_date(listed_first))

        assert profile["bookable_treatment"] == treatment
        assert profile["free_times"][0] == listed_first, practitioner.name
        assert step_2[practitioner] == listed_first, practitioner.name
        assert in_api == listed_first.isoformat(), practitioner.name
