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

from bookings.services.access import (
    booking_for_manage_secret,
    issue_manage_secret,
    send_sign_in_link,
    sign_in_link_is_usable,
    use_sign_in_link,
)
from bookings.services.attendance import mark_attendance
from bookings.services.booking import (
    book,
    cancel,
    check_move,
    check_time,
    reschedule,
)
from bookings.services.closures import load_public_holidays
from bookings.services.errors import (
    BookingError,
    NotBookable,
    SlotUnavailable,
    TimeOffOverlapsBookings,
    TooLateToChange,
)
from bookings.services.privacy import apply_retention, erase, request_erasure
from bookings.services.records import (
    PatientDetails,
    confirm_by_link,
    confirm_link_is_usable,
    differences,
    link_by_staff,
)
from bookings.services.reminders import send_due_reminders
from bookings.services.screening_check import record_screening_stop
from bookings.services.time_off import add_time_off, remove_time_off

__all__ = [
    "BookingError",
    "NotBookable",
    "PatientDetails",
    "SlotUnavailable",
    "TimeOffOverlapsBookings",
    "TooLateToChange",
    "add_time_off",
    "apply_retention",
    "book",
    "booking_for_manage_secret",
    "cancel",
    "check_move",
    "check_time",
    "confirm_by_link",
    "confirm_link_is_usable",
    "differences",
    "erase",
    "issue_manage_secret",
    "link_by_staff",
    "load_public_holidays",
    "mark_attendance",
    "record_screening_stop",
    "remove_time_off",
    "request_erasure",
    "reschedule",
    "send_due_reminders",
    "send_sign_in_link",
    "sign_in_link_is_usable",
    "use_sign_in_link",
]
