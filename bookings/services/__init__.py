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
    book_with_manage_secret,
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
from bookings.services.courses import book_course, cancel_course, set_activities
from bookings.services.errors import (
    BookingError,
    CourseSessionUnavailable,
    NotBookable,
    OfferClosed,
    OfferNotMade,
    ScoresRefused,
    SlotUnavailable,
    TimeOffOverlapsBookings,
    TooLateToChange,
)
from bookings.services.holds import browser_holder, hold_time, release
from bookings.services.offers import accept_offer, decline_offer, expire_due_offers, make_offer
from bookings.services.outcomes import (
    may_read_notes,
    may_write_notes,
    patient_refusal,
    record_outcome,
    save_treatment_note,
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
    "CourseSessionUnavailable",
    "NotBookable",
    "OfferClosed",
    "OfferNotMade",
    "PatientDetails",
    "ScoresRefused",
    "SlotUnavailable",
    "TimeOffOverlapsBookings",
    "TooLateToChange",
    "Wishes",
    "accept_offer",
    "add_time_off",
    "apply_retention",
    "book",
    "book_course",
    "book_with_manage_secret",
    "booking_for_manage_secret",
    "browser_holder",
    "cancel",
    "cancel_course",
    "change_wishes",
    "check_move",
    "check_time",
    "confirm_by_link",
    "confirm_link_is_usable",
    "decline_offer",
    "differences",
    "drop_past_entries",
    "erase",
    "expire_due_offers",
    "hold_time",
    "issue_manage_secret",
    "join_waitlist",
    "leave_waitlist",
    "link_by_staff",
    "load_public_holidays",
    "make_offer",
    "mark_attendance",
    "may_read_notes",
    "may_write_notes",
    "offer_free_times",
    "patient_refusal",
    "record_outcome",
    "record_screening_stop",
    "release",
    "remove_time_off",
    "request_erasure",
    "reschedule",
    "run_pass",
    "save_treatment_note",
    "send_due_reminders",
    "send_sign_in_link",
    "set_activities",
    "sign_in_link_is_usable",
    "use_sign_in_link",
]
