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
from bookings.services.courses import book_course, cancel_course, set_activities
from bookings.services.errors import (
    BookingError,
    CourseSessionUnavailable,
    NotBookable,
    ScoresRefused,
    SlotUnavailable,
    TimeOffOverlapsBookings,
    TooLateToChange,
)
from bookings.services.outcomes import (
    may_read_notes,
    may_write_notes,
    patient_refusal,
    record_outcome,
    save_treatment_note,
)
from bookings.services.reminders import send_due_reminders
from bookings.services.time_off import add_time_off, remove_time_off

__all__ = [
    "BookingError",
    "CourseSessionUnavailable",
    "NotBookable",
    "PatientDetails",
    "SlotUnavailable",
    "ScoresRefused",
    "TimeOffOverlapsBookings",
    "TooLateToChange",
    "add_time_off",
    "book",
    "book_course",
    "cancel",
    "cancel_course",
    "check_time",
    "mark_attendance",
    "may_read_notes",
    "may_write_notes",
    "patient_refusal",
    "record_outcome",
    "record_screening_stop",
    "remove_time_off",
    "reschedule",
    "save_treatment_note",
    "send_due_reminders",
    "set_activities",
]
