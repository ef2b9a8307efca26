"""Scores before and at each visit: optional, 0 to 10, kept with the booking."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from bookings import services
from bookings.courses.models import Outcome
from bookings.models import Booking
from tests.bookings.courses.conftest import manage_link, scores_url, sessions, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def first(course):
    return sessions(course)[0]  # Monday 23 November 2026, 10:00


@pytest.fixture
def sunday_before(first):
    with time_machine.travel(first.start - timedelta(hours=20), tick=False) as traveller:
        yield traveller


def test_the_patient_gives_scores_in_the_days_before_the_session(first, sunday_before):
    outcome = services.record_outcome(booking=first, scores={"pain_now": 7, "pain_worst": 9})
    assert (outcome.pain_now, outcome.pain_worst, outcome.activity_1) == (7, 9, None)
    assert outcome.recorded_by is None
    again = services.record_outcome(booking=first, scores={"pain_now": 6, "pain_worst": None})
    assert again.pk == outcome.pk
    assert (again.pain_now, again.pain_worst) == (6, None)


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"pain_now": 11}, "Pain now must be a whole number from 0 to 10."),
        ({"pain_worst": -1}, "Worst pain in the last week must be a whole number from 0 to 10."),
        ({"pain_now": "7"}, "Pain now must be a whole number from 0 to 10."),
        ({"pain_now": 7.5}, "Pain now must be a whole number from 0 to 10."),
        ({"pain_now": True}, "Pain now must be a whole number from 0 to 10."),
        ({"mood": 3}, "Only pain and the chosen activities can be scored."),
        ({}, "Please give at least one score, or leave this for now."),
        ({"pain_now": None}, "Please give at least one score, or leave this for now."),
        ({"activity_1": 4}, "Only the activities chosen for this course can be scored."),
    ],
)
def test_scores_out_of_range_or_unasked_are_refused(first, sunday_before, scores, message):
    with pytest.raises(services.ScoresRefused) as refused:
        services.record_outcome(booking=first, scores=scores)
    assert str(refused.value) == message
    assert Outcome.objects.count() == 0


def test_the_chosen_activities_are_scored(course, first, sunday_before):
    services.set_activities(course=course, names=["Sit through a film", "Lift a child"])
    outcome = services.record_outcome(booking=first, scores={"activity_1": 3, "activity_2": 5})
    assert (outcome.activity_1, outcome.activity_2, outcome.pain_now) == (3, 5, None)
    with pytest.raises(services.ScoresRefused, match="chosen for this course"):
        services.record_outcome(booking=first, scores={"activity_3": 5})


def test_the_patient_cannot_score_weeks_ahead_or_after_the_session(course, clock):
    second = sessions(course)[1]  # Monday 30 November
    with pytest.raises(services.ScoresRefused) as early:
        services.record_outcome(booking=second, scores={"pain_now": 5})
    assert str(early.value) == (
        "You can tell us how you are from Friday 27 November at 10:00, three days before "
        "your session."
    )
    with (
        time_machine.travel(second.end + timedelta(minutes=1), tick=False),
        pytest.raises(services.ScoresRefused, match="session is over"),
    ):
        services.record_outcome(booking=second, scores={"pain_now": 5})
    assert Outcome.objects.count() == 0


def test_the_practitioner_records_at_the_visit_and_the_patient_cannot_overwrite(
    first, practitioner, sunday_before
):
    services.record_outcome(booking=first, scores={"pain_now": 7})
    recorded = services.record_outcome(
        booking=first, scores={"pain_now": 6}, recorded_by=practitioner.user
    )
    assert recorded.recorded_by == practitioner.user and recorded.pain_now == 6
    with pytest.raises(services.ScoresRefused, match="already recorded"):
        services.record_outcome(booking=first, scores={"pain_now": 2})
    assert Outcome.objects.get().pain_now == 6
    assert [h.pain_now for h in recorded.history.order_by("history_date")] == [7, 6]


def test_a_cancelled_booking_takes_no_scores(first, practitioner, sunday_before):
    services.cancel(booking=first, by_staff=True)
    with pytest.raises(services.ScoresRefused, match="cancelled"):
        services.record_outcome(
            booking=first, scores={"pain_now": 5}, recorded_by=practitioner.user
        )


def test_the_database_refuses_a_score_above_ten(first):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.create(booking=first, pain_now=11)


# Pages


def test_the_manage_page_asks_how_the_patient_is_and_saves_the_answers(
    client, first, sunday_before
):
    link = manage_link(first)
    page = client.get(link).content.decode()
    assert 'id="how-are-you"' in page and "How has your back been?" in page
    assert "No scores yet" not in page  # no chart before the first score
    response = client.post(
        scores_url(first), {"token": token_of(link), "pain_now": "7", "pain_worst": "8"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{link}#how-are-you"
    page = client.get(link).content.decode()
    assert "Thank you. Your practitioner will see your answers." in page
    assert 'class="chart-dot line-pain-now"' in page
    assert "<td>7</td><td>8</td>" in page  # the table for screen readers
    assert Outcome.objects.get(booking=first).pain_now == 7


@pytest.mark.parametrize("value", ["11", "-1", "seven", "7.5"])
def test_a_score_out_of_range_from_the_page_is_refused_with_a_message(
    client, first, sunday_before, value
):
    link = manage_link(first)
    response = client.post(
        scores_url(first), {"token": token_of(link), "pain_now": value}, follow=True
    )
    assert response.status_code == 200
    assert "Pain now: choose a whole number from 0 to 10." in response.content.decode()
    assert Outcome.objects.count() == 0


def test_scores_need_the_manage_links_token(client, first, sunday_before):
    response = client.post(scores_url(first), {"token": "wrong", "pain_now": "5"})
    assert response.status_code == 404
    assert Outcome.objects.count() == 0


def test_too_early_the_page_says_when_the_patient_can_answer(client, course, clock):
    second = sessions(course)[1]
    page = client.get(manage_link(second)).content.decode()
    assert "You can tell us how you are from Friday 27 November at 10:00" in page
    assert 'name="pain_now"' not in page


def test_the_practitioner_records_scores_from_the_booking_page(
    client, first, practitioner, sunday_before
):
    client.force_login(practitioner.user)
    url = reverse("schedule:scores", args=[first.reference])
    refused = client.post(url, {"pain_now": "12"}, follow=True)
    assert "Pain now: choose a whole number from 0 to 10." in refused.content.decode()
    assert Outcome.objects.count() == 0
    response = client.post(url, {"pain_now": "4", "pain_worst": "6"})
    assert response["Location"] == reverse("schedule:booking", args=[first.reference]) + "#scores"
    outcome = Outcome.objects.get(booking=first)
    assert (outcome.pain_now, outcome.pain_worst, outcome.recorded_by) == (4, 6, practitioner.user)


def test_another_practitioner_cannot_record_scores(first, sunday_before):
    from tests.factories import PractitionerFactory, UserFactory

    other = PractitionerFactory(user=UserFactory(username="tomasz"))
    client = Client()
    client.force_login(other.user)
    response = client.post(reverse("schedule:scores", args=[first.reference]), {"pain_now": "4"})
    assert response.status_code == 404
    assert not Outcome.objects.exists()
    assert Booking.objects.get(pk=first.pk).status == "confirmed"
