"""Private treatment notes: the practitioner and the clinic manager only, with history."""

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from bookings import services
from bookings.courses.models import TreatmentNote
from bookings.models import OutgoingEmail
from tests.bookings.conftest import MONDAY_9
from tests.factories import BookingFactory, PractitionerFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "Needled BL23 and BL25; patient felt light-headed"


@pytest.fixture
def booking(clock, practitioner, treatment):
    return BookingFactory(practitioner=practitioner, treatment=treatment, start=MONDAY_9)


def notes_url(booking):
    return reverse("schedule:notes", args=[booking.reference])


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_practitioner_writes_notes_and_every_change_is_kept(booking, practitioner):
    hannah = signed_in(practitioner.user)
    response = hannah.post(
        notes_url(booking),
        {"done": "Acupuncture, 20 minutes", "points": SECRET, "response": "", "plan": "Weekly"},
    )
    assert response["Location"] == notes_url(booking)
    hannah.post(
        notes_url(booking), {"done": "Acupuncture, 25 minutes", "points": SECRET, "plan": "Weekly"}
    )
    note = TreatmentNote.objects.get(booking=booking)
    assert (note.done, note.points, note.author) == (
        "Acupuncture, 25 minutes",
        SECRET,
        practitioner.user,
    )
    assert [h.done for h in note.history.order_by("history_date")] == [
        "Acupuncture, 20 minutes",
        "Acupuncture, 25 minutes",
    ]
    page = hannah.get(notes_url(booking)).content.decode()
    assert "Change history" in page and "What was done" in page
    main = page[page.index("<main") : page.index("</main>")]  # not the site's menu
    assert main.count("<details") == 2
    assert "hannah" in page  # who made each change


def test_notes_are_404_to_other_practitioners_and_reception(booking, practitioner, reception_user):
    services.save_treatment_note(booking=booking, author=practitioner.user, points=SECRET)
    other = PractitionerFactory(user=UserFactory(username="tomasz"))
    for client in (signed_in(other.user), signed_in(reception_user)):
        assert client.get(notes_url(booking)).status_code == 404
        assert client.post(notes_url(booking), {"points": "changed"}).status_code == 404
        page = client.get(reverse("schedule:booking", args=[booking.reference]))
        assert SECRET not in page.content.decode()
    assert TreatmentNote.objects.get().points == SECRET
    assert (
        signed_in(reception_user)
        .get(reverse("schedule:booking", args=[booking.reference]))
        .context["can_read_notes"]
        is False
    )


def test_the_manager_reads_the_notes_but_does_not_write_them(booking, practitioner, manager_user):
    services.save_treatment_note(booking=booking, author=practitioner.user, points=SECRET)
    manager = signed_in(manager_user)
    page = manager.get(notes_url(booking))
    assert page.status_code == 200
    assert SECRET in page.content.decode() and "<textarea" not in page.content.decode()
    assert manager.post(notes_url(booking), {"points": "changed"}).status_code == 404
    assert TreatmentNote.objects.get().points == SECRET


def test_a_signed_out_visitor_is_sent_to_sign_in(client, booking):
    response = client.get(notes_url(booking))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_the_practitioner_may_write_through_the_service(booking, manager_user):
    with pytest.raises(services.BookingError, match="Only the practitioner"):
        services.save_treatment_note(booking=booking, author=manager_user, points="x")
    assert not TreatmentNote.objects.exists()


def test_notes_never_reach_an_email_or_the_calendar_feed(booking, practitioner):
    services.save_treatment_note(booking=booking, author=practitioner.user, points=SECRET)
    services.send_due_reminders(now=MONDAY_9.replace(hour=0), hours_before=24)
    services.reschedule(booking=booking, new_start=MONDAY_9.replace(hour=11), by_staff=True)
    from practitioners.services import replace_feed_token

    feed = Client().get(
        reverse("schedule:feed", args=[replace_feed_token(practitioner=practitioner)])
    )
    feed_text = Calendar.from_ical(feed.content).to_ical().decode()
    assert booking.reference in feed_text and "BL23" not in feed_text
    services.cancel(booking=booking, by_staff=True)
    bodies = [e.body_text + e.body_html + str(e.attachments) for e in OutgoingEmail.objects.all()]
    assert {e.kind for e in OutgoingEmail.objects.all()} >= {"reminder", "moved", "cancelled"}
    assert not any(SECRET in body or "BL23" in body for body in bodies)
