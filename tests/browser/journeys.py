"""Steps the browser journeys share: filling the booking form, reading the emailed link."""

from bookings.models import Booking, OutgoingEmail


def booked_with(email: str) -> Booking:
    """The one booking made with this address (kept as given, on a record or not)."""
    return Booking.objects.get(given_email=email)


def fill_details(page, email="alex@example.org", *, caution=None, warning_sign=False):
    page.get_by_label("First name").fill("Alex")
    page.get_by_label("Last name").fill("Patient")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mobile or phone number").fill("07700 900123")
    page.get_by_label("Date of birth").fill("1980-05-17")
    for radio in page.locator("input[type=radio][value=no]").all():
        radio.check()
    if caution:
        page.locator(f"input[name=q_{caution}][value=yes]").check()
    if warning_sign:
        page.locator("input[type=radio][value=yes]").first.check()
    page.get_by_label("I have read the risks").check()
    page.get_by_label("I agree to the clinic keeping").check()


def emailed_link(booking, base: str, kind: str = "confirmed") -> str:
    """The manage link from the queued email (the outbox row, whoever delivers it)."""
    body = OutgoingEmail.objects.filter(booking=booking, kind=kind).latest("pk").body_text
    line = next(line for line in body.splitlines() if "/booking/" in line)
    return base + line[line.index("/booking/") :].strip()
