from itertools import groupby

from django import forms
from django.utils import timezone


class OfferByHandForm(forms.Form):
    """One of the free times listed for the person, as "<practitioner pk>|<ISO start>",
    grouped by day; those that suit what they asked for say so."""

    time = forms.ChoiceField(
        label="Time to offer",
        error_messages={"invalid_choice": "That time is no longer free; please choose again."},
    )

    def __init__(self, *args, times, **kwargs):
        super().__init__(*args, **kwargs)
        self.times = {f"{p.pk}|{start.isoformat()}": (p, start) for p, start, _ in times}
        days = groupby(times, key=lambda t: timezone.localtime(t[1]).date())
        self.fields["time"].choices = [
            ("", "Choose a time"),
            *[
                (
                    f"{day:%A %d %B}",
                    [
                        (
                            f"{p.pk}|{start.isoformat()}",
                            f"{timezone.localtime(start):%H:%M} · {p.name}"
                            + (" · suits them" if suits else ""),
                        )
                        for p, start, suits in group
                    ],
                )
                for day, group in days
            ],
        ]

    def clean_time(self):
        return self.times[self.cleaned_data["time"]]
