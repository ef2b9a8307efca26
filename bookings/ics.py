"""Calendar files (.ics) for patients' emails and practitioners' feeds, with icalendar."""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from bookings.models import Booking

PRODID = "-//Clinic booking//Bookings//EN"


def event_uid(booking: Booking) -> str:
    """Stable for the booking's whole life, so a move or cancellation updates one event."""
    host = urlsplit(settings.SITE_URL).hostname or "clinic.invalid"
    return f"booking-{booking.reference}@{host}"


def _calendar(method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    return cal


def _event(booking: Booking, *, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", event_uid(booking))
    event.add("dtstamp", stamp)
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", summary)
    event.add("description", description)
    event.add("location", vText(f"{settings.CLINIC_NAME}, {settings.CLINIC_ADDRESS}"))
    event.add("sequence", booking.sequence)
    event.add("status", "CANCELLED" if booking.status == Booking.Status.CANCELLED else "CONFIRMED")
    return event


def patient_ics(booking: Booking) -> bytes:
    """The patient's copy: an invitation (REQUEST) that a later one with a higher
    sequence updates, or a CANCEL that removes it."""
    cancelled = booking.status == Booking.Status.CANCELLED
    cal = _calendar("CANCEL" if cancelled else "REQUEST")
    event = _event(
        booking,
        summary=f"{booking.treatment.name} with {booking.practitioner.name}",
        # No manage link: calendar files are synced and shared, and the link is a key.
        description=(
            f"Booking reference {booking.reference}.\n"
            "To move or cancel, use the link in your confirmation email "
            f"or call {settings.CLINIC_PHONE}."
        ),
        stamp=timezone.now(),
    )
    organizer = vCalAddress(f"mailto:{settings.CLINIC_EMAIL}")
    organizer.params["cn"] = vText(settings.CLINIC_NAME)
    event.add("organizer", organizer)
    person = booking.person  # never a stored record's name for an unconfirmed booking
    attendee = vCalAddress(f"mailto:{person.email}")
    attendee.params["cn"] = vText(person.full_name)
    attendee.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", attendee)
    cal.add_component(event)
    return cal.to_ical()


def practitioner_feed(bookings, *, detail: str, name: str) -> bytes:
    """A subscribable feed of a practitioner's bookings. A phone's calendar is not a clinical
    record: titles carry the patient's first name (or full name if the clinic chooses) and
    the treatment, and nothing else about the patient."""
    cal = _calendar()
    cal.add("x-wr-calname", f"{name} · {settings.CLINIC_NAME}")
    cal.add("x-wr-timezone", settings.CLINIC_TIME_ZONE)
    cal.add("x-published-ttl", "PT15M")  # how often subscribers should refresh
    stamp = timezone.now()
    for booking in bookings:
        who = booking.person.full_name if detail == "full_name" else booking.person.first_name
        cal.add_component(
            _event(
                booking,
                summary=f"{who}: {booking.treatment.name}",
                description=f"Booking {booking.reference}. Details in your schedule.",
                stamp=stamp,
            )
        )
    return cal.to_ical()
