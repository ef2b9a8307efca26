from django import forms
from django.utils import timezone


class OfferByHandForm(forms.Form):
    """One of the free times listed for the person, as "<practitioner pk>|<ISO start>"."""

    time = forms.ChoiceField(
        label="Time to offer",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "That time is no longer free; please choose again."},
    )

    def __init__(self, *args, times, **kwargs):
        super().__init__(*args, **kwargs)
        self.times = {f"{p.pk}|{start.isoformat()}": (p, start) for p, start, _ in times}
        self.fields["time"].choices = [
            (
                f"{p.pk}|{start.isoformat()}",
                f"{timezone.localtime(start):%a %d %b, %H:%M} · {p.name}"
                + (" · suits them" if suits else ""),
            )
            for p, start, suits in times
        ]

    def clean_time(self):
        return self.times[self.cleaned_data["time"]]
