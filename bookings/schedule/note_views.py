"""The practitioner's private treatment notes for a session. Only that practitioner and
the clinic manager may open them; everyone else gets 404, as for a page that does not
exist. Notes never appear in an email, the calendar feed or an export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from bookings import services
from bookings.courses.forms import TreatmentNoteForm
from bookings.courses.models import TreatmentNote
from bookings.models import Booking
from bookings.services.outcomes import NOTE_FIELDS


def _note_booking(request: HttpRequest, reference: str) -> Booking:
    booking = (
        Booking.objects.select_related("patient", "practitioner", "treatment")
        .filter(reference=reference)
        .first()
    )
    if booking is None or not services.may_read_notes(request.user, booking):
        raise Http404
    return booking


def _versions(note: TreatmentNote | None) -> list:
    """Every saved version, newest first, with who saved it and what changed."""
    if note is None:
        return []
    records = list(note.history.select_related("history_user").order_by("-history_date"))
    for newer, older in zip(records, [*records[1:], None], strict=False):
        newer.changed = (
            [TreatmentNote._meta.get_field(f).verbose_name for f in NOTE_FIELDS]
            if older is None
            else [
                TreatmentNote._meta.get_field(c.field).verbose_name
                for c in newer.diff_against(older, included_fields=NOTE_FIELDS).changes
            ]
        )
    return records


@never_cache
@login_required
def treatment_note(request: HttpRequest, reference: str) -> HttpResponse:
    booking = _note_booking(request, reference)
    may_write = services.may_write_notes(request.user, booking)
    note = TreatmentNote.objects.filter(booking=booking).first()
    if request.method == "POST":
        if not may_write:
            raise Http404
        form = TreatmentNoteForm(request.POST)
        if form.is_valid():
            services.save_treatment_note(booking=booking, author=request.user, **form.cleaned_data)
            messages.success(request, "Notes saved.")
            return redirect("schedule:notes", reference=reference)
    else:
        initial = {f: getattr(note, f) for f in NOTE_FIELDS} if note else {}
        form = TreatmentNoteForm(initial=initial)
    return render(
        request,
        "bookings/schedule/notes.html",
        {"booking": booking, "form": form, "may_write": may_write, "versions": _versions(note)},
    )
