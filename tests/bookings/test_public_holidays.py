"""Public holidays become clinic closures, from the maintained `holidays` package for the
clinic's country and region: by a command, and in the demo clinic."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from bookings.models import ClinicClosure
from tests.factories import ClinicClosureFactory

pytestmark = pytest.mark.django_db


def load(*years):
    out = io.StringIO()
    call_command("load_public_holidays", *[f"--year={y}" for y in years], stdout=out)
    return out.getvalue()


def test_english_bank_holidays_are_loaded_as_closures():
    output = load(2026)

    closures = {c.start_date: c.name for c in ClinicClosure.objects.all()}
    assert closures[date(2026, 12, 25)] == "Christmas Day"
    assert closures[date(2026, 8, 31)] == "Late Summer Bank Holiday"
    assert date(2026, 1, 2) not in closures  # a Scottish holiday only
    assert all(c.start_date == c.end_date for c in ClinicClosure.objects.all())
    assert "9 public holidays added for GB-ENG (2026)" in output


def test_loading_twice_adds_nothing_and_keeps_staff_closures():
    ClinicClosureFactory(
        name="Refurbishment", start_date=date(2026, 12, 21), end_date=date(2026, 12, 31)
    )
    load(2026)
    count = ClinicClosure.objects.count()

    output = load(2026)

    assert ClinicClosure.objects.count() == count
    assert not ClinicClosure.objects.filter(start_date=date(2026, 12, 25)).exists()
    assert "0 public holidays added" in output


@override_settings(CLINIC_COUNTRY="GB", CLINIC_SUBDIVISION="SCT")
def test_the_clinics_region_decides_the_holidays():
    load(2026)
    assert ClinicClosure.objects.get(start_date=date(2026, 1, 2)).name == "New Year Holiday"


@override_settings(CLINIC_COUNTRY="XX", CLINIC_SUBDIVISION="")
def test_an_unknown_country_is_a_clear_error():
    with pytest.raises(CommandError, match="No public holidays are known for XX"):
        load(2026)
    assert not ClinicClosure.objects.exists()


def test_christmas_is_closed_in_the_demo_clinic(client, clock):
    call_command("seed_demo", stdout=io.StringIO())

    api = client.get(
        "/api/availability/",
        {"practitioner": "hannah-okafor", "service": "follow-up", "date": "2026-12-25"},
    )
    page = client.get(
        "/book/time/",
        {"treatment": "follow-up", "practitioner": "hannah-okafor", "date": "2026-12-25"},
    )

    assert ClinicClosure.objects.filter(start_date=date(2026, 12, 25)).exists()
    assert api.json()["slots"] == []
    assert {d.day: d.state for d in page.context["days"]}[date(2026, 12, 25)] == "closed"
