"""A page's review date and reviewer are what staff record in the admin, never the time
of the last save; a page is published only once it has been reviewed."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from clinic.models import InfoPage
from tests.factories import ConditionFactory, InfoPageFactory, SourceFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 21)


@pytest.fixture
def clock():
    with time_machine.travel("2026-11-21 10:00:00+00:00", tick=False):
        yield


def page_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "order": page.order,
        "is_published": "on",
        "body": page.body,
        "reviewed_on": "2026-11-02",
        "reviewed_by": "Imran Siddiqui, MBAcC",
        "next_review_due": "2027-05-02",
        "sources": [],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_review_set_in_admin_is_what_the_page_shows(manager_client, clock):
    page = InfoPageFactory(title="Risks and safety", reviewed_on=date(2025, 1, 5))
    source = SourceFactory(title="Low back pain and sciatica (NG59)", publisher="NICE", year=2016)

    response = manager_client.post(
        reverse("admin:clinic_infopage_change", args=[page.pk]),
        page_form(page, sources=[source.pk]),
    )

    assert response.status_code == 302
    body = manager_client.get(page.get_absolute_url()).content.decode()
    assert (
        "Clinically reviewed on <strong>2 November 2026</strong> by Imran Siddiqui, MBAcC." in body
    )
    assert "Next review due by May 2027." in body
    assert "<li>Low back pain and sciatica (NG59). NICE, 2016.</li>" in body
    # Saving the page today did not make today its review date.
    assert "21 November 2026" not in body


def test_page_without_review_cannot_be_published_from_the_admin(manager_client, clock):
    page = InfoPageFactory(
        is_published=False, reviewed_on=None, reviewed_by="", next_review_due=None
    )

    response = manager_client.post(
        reverse("admin:clinic_infopage_change", args=[page.pk]),
        page_form(page, reviewed_on="", reviewed_by="", next_review_due=""),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    message = ["A page is published only after a clinical review: fill this in."]
    assert errors["reviewed_on"] == message
    assert errors["reviewed_by"] == message
    assert errors["next_review_due"] == message
    page.refresh_from_db()
    assert page.is_published is False


def test_publishing_from_the_list_needs_a_review_too(manager_client, clock):
    page = InfoPageFactory(
        is_published=False, reviewed_on=None, reviewed_by="", next_review_due=None
    )

    response = manager_client.post(
        reverse("admin:clinic_infopage_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(page.pk),
            "form-0-order": "0",
            "form-0-is_published": "on",
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    assert response.context["cl"].formset.errors[0]["__all__"] == [
        "A page is published only after a clinical review with a reviewer, a review date "
        "and the next review due. Open the page to record it."
    ]
    page.refresh_from_db()
    assert page.is_published is False


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reviewed_on": "2026-12-01"}, "reviewed_on", "The review date cannot be in the future."),
        (
            {"next_review_due": "2026-11-02"},
            "next_review_due",
            "The next review must come after the last one.",
        ),
    ],
)
def test_impossible_review_dates_are_refused(manager_client, clock, changes, field, message):
    page = InfoPageFactory(reviewed_on=date(2025, 1, 5))

    response = manager_client.post(
        reverse("admin:clinic_infopage_change", args=[page.pk]), page_form(page, **changes)
    )

    assert response.context["adminform"].form.errors[field] == [message]
    page.refresh_from_db()
    assert page.reviewed_on == date(2025, 1, 5)


def test_unreviewed_page_says_so_instead_of_a_date(client):
    page = InfoPageFactory(reviewed_on=None, reviewed_by="", next_review_due=None)

    body = client.get(page.get_absolute_url()).content.decode()

    assert "This page has not yet had a clinical review." in body
    assert "Clinically reviewed on" not in body


def test_condition_page_shows_its_sources_and_review(client):
    condition = ConditionFactory(reviewed_on=date(2026, 10, 3), reviewed_by="H. Okafor")
    condition.sources.add(
        SourceFactory(
            title="Sciatica",
            publisher="NHS website",
            year=2026,
            url="https://www.nhs.uk/conditions/sciatica/",
        )
    )

    body = client.get(condition.get_absolute_url()).content.decode()

    assert (
        '<li><a href="https://www.nhs.uk/conditions/sciatica/" rel="noopener">Sciatica</a>. '
        "NHS website, 2026.</li>"
    ) in body
    assert "Clinically reviewed on <strong>3 October 2026</strong> by H. Okafor." in body


def test_overdue_filter_lists_pages_past_their_review(manager_client, clock):
    InfoPageFactory(title="Fresh page", next_review_due=date(2027, 1, 1))
    InfoPageFactory(title="Stale page", next_review_due=date(2026, 11, 20))

    response = manager_client.get(
        reverse("admin:clinic_infopage_changelist"), {"review": "overdue"}
    )

    assert [p.title for p in response.context["cl"].result_list] == ["Stale page"]
    assert InfoPage.objects.get(title="Stale page").review_overdue is True
