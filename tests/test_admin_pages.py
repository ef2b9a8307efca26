"""A clinic manager can open the list, add and change page of every model in the admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

# One factory per registered model of ours, to have a row to open.
ROWS = {
    "clinic.condition": factories.ConditionFactory,
    "clinic.infopage": factories.InfoPageFactory,
    "clinic.faqentry": factories.FAQEntryFactory,
    "practitioners.practitioner": factories.PractitionerFactory,
    "practitioners.language": factories.LanguageFactory,
    "practitioners.workinghours": factories.WorkingHoursFactory,
    "bookings.treatment": factories.TreatmentFactory,
    "bookings.patient": factories.PatientFactory,
    "bookings.clinicclosure": lambda: factories.ClinicClosureFactory(start_date="2026-12-25"),
}


def our_models():
    return [
        m
        for m in admin.site._registry
        if m._meta.app_label in {"clinic", "practitioners", "bookings"}
    ]


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label_lower)
def test_manager_opens_changelist_and_change_page(manager_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    assert manager_client.get(changelist).status_code == 200
    make = ROWS.get(opts.label_lower)
    if make:
        obj = make()
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert manager_client.get(change).status_code == 200
