"""The operations that change bookings. The website, the admin, the schedule and the
management commands all call these, so every rule holds whoever makes the change.

Each runs in one transaction that first locks the practitioner's row, then re-checks the
time against the rules with fresh data, then writes (DESIGN.md, "Booking rules"; see
`slot_guard`). On SQLite, where row locks do nothing, IMMEDIATE transactions make writers
queue instead. On PostgreSQL an exclusion constraint backs this up; a clash it reports
becomes the same "just taken" error.

Callers use `from bookings import services` and `services.book(...)`; the submodules
group the operations by what they change.
"""

from bookings.services.booking import (
    PatientDetails,
    book,
    cancel,
    check_time,
    mark_attendance,
    record_screening_stop,
    reschedule,
)
from bookings.services.errors import (
    BookingError,
    NotBookable,
    OfferClosed,
    OfferNotMade,
    SlotUnavailable,
    TimeOffOverlapsBookings,
    TooLateToChange,
)
from bookings.services.holds import browser_holder, hold_time, release
from bookings.services.offers import accept_offer, decline_offer, expire_due_offers, make_offer
from bookings.services.reminders import send_due_reminders
from bookings.services.time_off import add_time_off, remove_time_off
from bookings.services.waitlist import (
    Wishes,
    change_wishes,
    drop_past_entries,
    join_waitlist,
    leave_waitlist,
    offer_free_times,
    run_pass,
)

__all__ = [
    "BookingError",
    "NotBookable",
    "OfferClosed",
    "OfferNotMade",
    "PatientDetails",
    "SlotUnavailable",
    "TimeOffOverlapsBookings",
    "TooLateToChange",
    "Wishes",
    "accept_offer",
    "add_time_off",
    "book",
    "browser_holder",
    "cancel",
    "change_wishes",
    "check_time",
    "decline_offer",
    "drop_past_entries",
    "expire_due_offers",
    "hold_time",
    "join_waitlist",
    "leave_waitlist",
    "make_offer",
    "mark_attendance",
    "offer_free_times",
    "record_screening_stop",
    "release",
    "remove_time_off",
    "reschedule",
    "run_pass",
    "send_due_reminders",
]
