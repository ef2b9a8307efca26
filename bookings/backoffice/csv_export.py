"""Bookings as CSV that is safe to open in a spreadsheet."""

import csv
import io

from clinic.clock import clinic_tz

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER = [
    "Reference",
    "Start",
    "End",
    "Status",
    "Practitioner",
    "Treatment",
    "Patient",
    "Email",
    "Phone",
    "Source",
    "Screening flags",
    "Patient note",
    "Staff notes",
]


def neutralise(value) -> str:
    """Prefix a would-be formula with an apostrophe, so it shows as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def bookings_csv(bookings) -> str:
    tz = clinic_tz()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for b in bookings:
        writer.writerow(
            [
                neutralise(v)
                for v in [
                    b.reference,
                    b.start.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                    b.end.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                    b.get_status_display(),
                    b.practitioner.name,
                    b.treatment.name,
                    b.person.full_name,
                    b.person.email,
                    b.person.phone,
                    b.get_source_display(),
                    "; ".join(b.screening_flags),
                    b.patient_note,
                    b.staff_notes,
                ]
            ]
        )
    return out.getvalue()
