"""Every page and email that tells people when to get urgent help reads it from
bookings/screening.py: change the module and the footer, the home page, the stop page and
the confirmation and reminder emails all change with it."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from bookings import screening, services
from bookings.models import OutgoingEmail
from bookings.screening import Advice, Level
from tests.bookings.conftest import MONDAY_9, details_post
from tests.factories import BookingFactory, PatientFactory

pytestmark = pytest.mark.django_db

DETAILS_URL = reverse("bookings:details")
FEVER = "a fever, or feeling generally unwell"


def signs_under(page: str, intro: str) -> list[str]:
    """The signs listed under each place an intro appears (a list, or one sentence)."""
    parts = page.split(intro + "</strong></p>")[1:]
    return [re.split(r"</ul>|</p>", part, maxsplit=1)[0] for part in parts]


@pytest.fixture
def test_advice(monkeypatch):
    """The module's advice and one sign's words replaced by markers no template holds."""
    monkeypatch.setitem(
        screening.ADVICE, Level.EMERGENCY, Advice("MARK-999-HEADING", "MARK-999-WHY", "MARK-999:")
    )
    monkeypatch.setitem(
        screening.ADVICE, Level.URGENT, Advice("MARK-111-HEADING", "MARK-111-WHY", "MARK-111:")
    )
    signs = [
        replace(q, summary="MARK-URINE") if q.key == "cannot_pass_urine" else q
        for q in screening.WARNING_SIGNS
    ]
    monkeypatch.setattr(screening, "WARNING_SIGNS", signs)
    monkeypatch.setattr(screening, "BEFORE_YOUR_VISIT", "MARK-BEFORE-VISIT {phone}")


def test_footer_and_home_page_read_the_module(client, test_advice):
    home = client.get("/").content.decode()
    contact = client.get(reverse("contact")).content.decode()

    # The home page's own section and the footer; any other page has the footer only.
    for marker in ("MARK-999:", "MARK-111:", "MARK-URINE"):
        assert home.count(marker) == 2
        assert contact.count(marker) == 1
    assert "Call 999 or go to A&amp;E now if" not in home


def test_stop_page_reads_the_module(client, clock, practitioner, treatment, test_advice):
    body = client.post(
        DETAILS_URL, details_post(treatment, practitioner, MONDAY_9, q_cannot_pass_urine="yes")
    ).content.decode()

    assert '<h1 class="h3" id="advice-1">MARK-999-HEADING</h1>' in body
    assert "<p>MARK-999-WHY</p>" in body
    assert "<li>MARK-URINE</li>" in body  # the reason, and the list under "If things change"
    assert body.count("MARK-111:") == 2  # "If things change", and the footer


def test_confirmation_and_reminder_read_the_module(
    client, clock, practitioner, treatment, test_advice
):
    client.post(DETAILS_URL, details_post(treatment, practitioner, MONDAY_9))
    services.send_due_reminders(now=MONDAY_9 - timedelta(hours=2), hours_before=24)

    for kind in ("confirmed", "reminder"):
        email = OutgoingEmail.objects.get(kind=kind)
        before = f"MARK-BEFORE-VISIT {settings.CLINIC_PHONE}"
        assert f"{before}\n\nMARK-999:\n- " in email.body_text
        assert "- MARK-URINE\n" in email.body_text
        assert "MARK-111:\n- " in email.body_text
        assert before in email.body_html
        assert "<strong>MARK-999:</strong>" in email.body_html
        assert "<li>MARK-URINE</li>" in email.body_html


def test_emails_carry_the_real_safety_net_in_text_and_html(clock, practitioner, treatment):
    booking = BookingFactory(
        practitioner=practitioner, treatment=treatment, start=MONDAY_9, patient=PatientFactory()
    )
    from bookings import emails

    emails.booking_confirmed(booking)

    email = OutgoingEmail.objects.get(kind="confirmed")
    assert "Call 999 or go to A&E now if back pain comes with any of these:" in email.body_text
    assert "- new difficulty passing urine\n" in email.body_text
    assert "- a fever, or feeling generally unwell\n" in email.body_text
    assert "Call 999 or go to A&amp;E now if back pain comes with any of these:" in email.body_html


def test_every_place_routes_each_sign_the_same_way(client, clock, practitioner, treatment):
    """Fever, for one, is NHS 111 or a GP today in the footer, the home page and the stop
    page alike (they once gave three different answers)."""
    home = client.get("/").content.decode()
    stop = client.post(
        DETAILS_URL, details_post(treatment, practitioner, MONDAY_9, q_fever_unwell="yes")
    ).content.decode()

    urgent = "Call NHS 111 or your GP today if back pain comes with any of these:"
    emergency = "Call 999 or go to A&amp;E now if back pain comes with any of these:"
    for page in (home, stop):  # each holds its own list and the footer's
        assert [FEVER in signs for signs in signs_under(page, urgent)] == [True, True]
        assert [FEVER in signs for signs in signs_under(page, emergency)] == [False, False]
    assert '<h1 class="h3" id="advice-1">Call NHS 111 or your GP today</h1>' in stop
