import re
from datetime import timedelta

import pytest

from bookings import services
from bookings.models import OutgoingEmail
from bookings.waitlist.matching import part_range
from tests.bookings.conftest import MONDAY_9
from tests.factories import BookingFactory, PatientFactory

MONDAY = MONDAY_9.date()
MONDAY_MORNING = part_range(0, "morning")
MONDAY_10 = MONDAY_9 + timedelta(hours=1)


def join(treatment, name="Ada", *, ranges=(MONDAY_MORNING,), until=MONDAY, practitioner=None):
    """Someone joins the list through the service, as the join page does."""
    return services.join_waitlist(
        first_name=name,
        last_name="Waiting",
        email=f"{name.lower()}@example.org",
        wishes=services.Wishes(
            treatment=treatment,
            practitioner=practitioner,
            condition=None,
            ranges=list(ranges),
            until=until,
        ),
    )


def link_in(email: OutgoingEmail, kind: str) -> str:
    """The site-relative link of a kind ("waiting-list" or "offer") in a queued message."""
    return re.search(rf"(/{kind}/[A-Z0-9]+/\?token=[\w-]+)", email.body_text).group(1)


def offer_emails(to=None):
    emails = OutgoingEmail.objects.filter(kind="waitlist_offer").order_by("pk")
    return list(emails.filter(to=to) if to else emails)


@pytest.fixture
def monday_morning_full(practitioner, treatment):
    """Hannah's Monday morning booked solid: 9:00, 10:00 and 11:00 (each 45 + 15 min)."""
    patient = PatientFactory()
    return [
        BookingFactory(
            practitioner=practitioner,
            treatment=treatment,
            patient=patient,
            start=MONDAY_9 + timedelta(hours=i),
        )
        for i in range(3)
    ]
