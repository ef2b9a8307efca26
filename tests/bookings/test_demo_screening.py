"""The demo clinic's bookings are screened the way reception takes them on the phone."""

import pytest
from django.core.management import call_command

from bookings.models import Booking

pytestmark = pytest.mark.django_db


def test_demo_bookings_show_answers_flags_and_an_unscreened_booking(clock):
    call_command("seed_demo", verbosity=0)

    bookings = list(Booking.objects.select_related("patient"))
    flags = {flag for b in bookings for flag in b.screening_flags}
    assert "Screening not done: ask every health question before needling" in flags
    assert "Pregnant or may be pregnant" in flags
    assert "Needle phobia or fainting (patient not sure)" in flags
    assert all(isinstance(v, str) for b in bookings for v in b.screening_answers.values())
    assert all(b.needs_attention is bool(b.screening_flags) for b in bookings)
