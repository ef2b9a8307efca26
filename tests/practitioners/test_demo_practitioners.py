"""The demo clinic's practitioners, as seed_demo loads them."""

from io import StringIO

import pytest
from django.core.management import call_command

from practitioners.models import Practitioner, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", stdout=StringIO())


def test_demo_physiotherapist_shows_an_hcpc_registration(client, demo_site):
    physio = Practitioner.objects.get(slug="rhys-pritchard")

    body = client.get(physio.get_absolute_url()).content.decode()

    hcpc = physio.registrations.get(kind=Registration.Kind.STATUTORY)
    assert hcpc.body == "Health and Care Professions Council (HCPC)"
    assert "<strong>Health and Care Professions Council (HCPC)</strong>" in body
    assert '<a href="https://www.hcpc-uk.org/check-the-register/" rel="noopener">' in body


def test_every_demo_practitioner_is_fictional_and_checkable_in_principle(demo_site):
    practitioners = list(Practitioner.objects.prefetch_related("registrations"))

    assert len(practitioners) >= 6
    for practitioner in practitioners:
        assert practitioner.is_fictional, practitioner.name
        practitioner.full_clean()
        registrations = list(practitioner.registrations.all())
        assert any(r.is_register for r in registrations), practitioner.name
        for registration in registrations:
            registration.full_clean()
            # Made-up numbers can never match a real person on a real register.
            assert registration.number.startswith("DEMO-"), registration.number


def test_demo_dr_explains_the_title(client, demo_site):
    chen = Practitioner.objects.get(slug="mei-lin-chen")

    body = client.get(chen.get_absolute_url()).content.decode()

    assert "Dr here means a PhD, a research degree. Mei-Lin is not a medical doctor." in body
    assert "this practitioner is an invented person" in body
