"""Forms for the waiting list: what suits a person (days and times, who, until when), and
who they are."""

from datetime import timedelta

from django import forms
from django.conf import settings

from bookings import services
from bookings.models import Treatment, WaitlistEntry
from bookings.waitlist.matching import PARTS, WEEKDAYS, TimeRange, grid_key, part_range
from clinic.clock import local_today
from clinic.models import Condition
from practitioners.models import Practitioner

ANY = "any"
RANGE_ROWS = 2
GRID = [(f"{day}-{part}", f"{WEEKDAYS[day]} {part}") for day in range(7) for part in PARTS]
DAY_CHOICES = [("", "Any day"), *[(str(i), name) for i, name in enumerate(WEEKDAYS)]]


class WishesForm(forms.Form):
    """What suits them. `treatment` fixes who can be chosen."""

    practitioner = forms.ChoiceField(label="Who would you like to see?")
    condition = forms.ModelChoiceField(
        queryset=Condition.objects.listing(),
        to_field_name="slug",
        required=False,
        empty_label="No particular back problem",
        label="Your back problem (optional)",
        help_text='With "anyone", we offer times with practitioners who list it as a '
        "particular interest, or anyone if nobody does.",
    )
    times = forms.MultipleChoiceField(
        choices=GRID, required=False, widget=forms.CheckboxSelectMultiple
    )
    until = forms.DateField(
        label="Until when?",
        help_text="The last day you could come. We take you off the list after it.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, treatment: Treatment | None, **kwargs):
        super().__init__(*args, **kwargs)
        practitioners = Practitioner.objects.listed()
        if treatment is not None:
            practitioners = practitioners.filter(treatments=treatment)
        self.fields["practitioner"].choices = [
            (ANY, "Anyone who offers this treatment"),
            *[(p.slug, p.name) for p in practitioners],
        ]
        today = local_today()
        horizon = today + timedelta(days=settings.BOOKING_HORIZON_DAYS)
        self.fields["until"].widget.attrs.update(min=today.isoformat(), max=horizon.isoformat())
        for row in range(1, RANGE_ROWS + 1):
            self.fields[f"range_day_{row}"] = forms.ChoiceField(
                choices=DAY_CHOICES, required=False, label="Day"
            )
            for edge, label in (("from", "From"), ("to", "Until")):
                self.fields[f"range_{edge}_{row}"] = forms.TimeField(
                    required=False,
                    label=label,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )

    def range_rows(self):
        return [
            [self[f"range_{name}_{row}"] for name in ("day", "from", "to")]
            for row in range(1, RANGE_ROWS + 1)
        ]

    def grid_rows(self):
        """(weekday name, [(part, key, checked)]) for the tick-box table."""
        chosen = set(self["times"].value() or [])
        return [
            (name, [(part, f"{day}-{part}", f"{day}-{part}" in chosen) for part in PARTS])
            for day, name in enumerate(WEEKDAYS)
        ]

    def clean(self):
        data = super().clean()
        ranges = [
            part_range(int(key.split("-")[0]), key.split("-")[1]) for key in data.get("times", [])
        ]
        typed = False
        for row in range(1, RANGE_ROWS + 1):
            start, end = data.get(f"range_from_{row}"), data.get(f"range_to_{row}")
            if start is None and end is None:
                continue
            typed = True
            if start is None or end is None or end <= start:
                self.add_error(f"range_to_{row}", "Please give a start and a later end time.")
                continue
            day = data.get(f"range_day_{row}")
            ranges.append(TimeRange(int(day) if day else None, start, end))
        if not ranges and not typed:
            self.add_error("times", "Please choose at least one day and time that suits you.")
        data["ranges"] = ranges
        return data

    def wishes(self, treatment: Treatment) -> services.Wishes:
        d = self.cleaned_data
        slug = d["practitioner"]
        return services.Wishes(
            treatment=treatment,
            practitioner=None if slug == ANY else Practitioner.objects.get(slug=slug),
            condition=d.get("condition"),
            ranges=d["ranges"],
            until=d["until"],
        )

    @staticmethod
    def initial_for(entry: WaitlistEntry) -> dict:
        initial = {
            "practitioner": entry.practitioner.slug if entry.practitioner else ANY,
            "condition": entry.condition.slug if entry.condition else "",
            "times": [key for r in entry.ranges if (key := grid_key(r))],
            "until": entry.until,
        }
        typed = [r for r in entry.ranges if grid_key(r) is None][:RANGE_ROWS]
        for row, r in enumerate(typed, start=1):
            initial[f"range_day_{row}"] = "" if r.weekday is None else str(r.weekday)
            initial[f"range_from_{row}"] = r.start
            initial[f"range_to_{row}"] = r.end
        return initial


class JoinForm(WishesForm):
    """Joining: who they are, the treatment, and what suits them. No health questions:
    those come when they accept an offer."""

    first_name = forms.CharField(
        max_length=60, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        max_length=60, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We email offers and your link to change or leave the list here.",
    )
    treatment = forms.ModelChoiceField(
        queryset=Treatment.objects.active(),
        to_field_name="slug",
        empty_label=None,
        error_messages={"invalid_choice": "That treatment is not available to book online."},
    )
    privacy = forms.BooleanField(
        label="I agree to the clinic keeping these details to offer me a time, as the "
        "privacy notice describes. They are deleted after my last date.",
        error_messages={"required": "Please agree, so that we can keep your place."},
    )
