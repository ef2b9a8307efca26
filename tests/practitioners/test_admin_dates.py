"""Time off and working hours in the admin keep to the calendar's sane range."""

from datetime import UTC, datetime

import pytest

from clinic.fields import BoundedDateField
from practitioners.models import TimeOff, WorkingHours
from tests.factories import PractitionerFactory, TimeOffFactory

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Please choose a date between 1 January 2000 and 31 December 2100."


def test_time_off_ending_in_9999_is_a_form_error(manager_client):
    practitioner = PractitionerFactory()

    response = manager_client.post(
        "/admin/practitioners/timeoff/add/",
        {
            "practitioner": practitioner.pk,
            "start_0": "01/12/2026",
            "start_1": "09:00",
            "end_0": "31/12/9999",
            "end_1": "17:00",
            "reason": "holiday",
            "note": "",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end"] == [OUT_OF_RANGE]
    assert not TimeOff.objects.exists()


def test_working_hours_valid_from_year_1_is_a_form_error(manager_client):
    practitioner = PractitionerFactory()

    response = manager_client.post(
        "/admin/practitioners/workinghours/add/",
        {
            "practitioner": practitioner.pk,
            "weekday": 0,
            "start": "09:00",
            "end": "17:00",
            "valid_from": "01/01/0001",
            "valid_until": "",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["valid_from"] == [OUT_OF_RANGE]
    assert not WorkingHours.objects.exists()


def test_time_off_in_range_is_saved(manager_client):
    practitioner = PractitionerFactory()

    manager_client.post(
        "/admin/practitioners/timeoff/add/",
        {
            "practitioner": practitioner.pk,
            "start_0": "01/12/2026",
            "start_1": "09:00",
            "end_0": "02/12/2026",
            "end_1": "17:00",
            "reason": "holiday",
            "note": "",
        },
    )

    assert TimeOff.objects.get().end.hour == 17


@pytest.mark.parametrize(
    "query", ["start__year=9999", "start__year=9999&start__month=12", "start__year=0"]
)
def test_date_drill_down_off_the_calendar_is_the_admins_usual_bad_filter(manager_client, query):
    TimeOffFactory(
        start=datetime(2026, 12, 1, 9, tzinfo=UTC), end=datetime(2026, 12, 1, 17, tzinfo=UTC)
    )

    response = manager_client.get(f"/admin/practitioners/timeoff/?{query}")

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_working_hours_in_the_practitioner_page_are_bounded(manager_client):
    practitioner = PractitionerFactory()
    form = manager_client.get(f"/admin/practitioners/practitioner/{practitioner.pk}/change/")
    inline_formset = next(
        f.formset for f in form.context["inline_admin_formsets"] if f.formset.model is WorkingHours
    )

    assert isinstance(inline_formset.form.base_fields["valid_from"], BoundedDateField)
