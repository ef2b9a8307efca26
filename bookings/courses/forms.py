"""The forms of courses, scores and notes, which the schedule and the admin (planning)
and the patient's pages (scores) share; and the planner that runs the three steps of
planning a course for either room."""

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone

from bookings import services
from bookings.courses.models import ACTIVITY_FIELDS, MAX_SESSIONS, Course, Outcome
from bookings.courses.selectors import propose_course, session_problems
from bookings.models import Patient, Treatment
from clinic.clock import clinic_tz, local_today
from practitioners.models import Practitioner

WEEKDAYS = list(
    enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
)
SCALE = [(i, str(i)) for i in range(11)]


class CoursePlanForm(forms.Form):
    """What the course is: who, what, how many, how often, and when is best."""

    patient = forms.ModelChoiceField(queryset=Patient.objects.none())
    practitioner = forms.ModelChoiceField(queryset=Practitioner.objects.none())
    treatment = forms.ModelChoiceField(queryset=Treatment.objects.all())
    sessions = forms.IntegerField(
        label="Number of sessions", min_value=1, max_value=MAX_SESSIONS, initial=6
    )
    rhythm = forms.ChoiceField(choices=Course.Rhythm.choices, initial=Course.Rhythm.WEEKLY)
    weekday = forms.TypedChoiceField(label="Preferred day", choices=WEEKDAYS, coerce=int)
    preferred_time = forms.TimeField(
        label="Preferred time (clinic time)",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    first_day = forms.DateField(
        label="Starting from",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The first session is on the preferred day in the week of this date or after it.",
    )

    def __init__(self, *args, patients, practitioners, treatments=None, widgets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patient"].queryset = patients
        self.fields["practitioner"].queryset = practitioners
        if treatments is not None:
            self.fields["treatment"].queryset = treatments
        for name, widget in (widgets or {}).items():
            field = self.fields[name]
            widget.is_required = field.required
            if hasattr(field, "choices"):  # a widget set after the field gets its choices here
                widget.choices = field.choices
            field.widget = widget
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        practitioner, treatment = data.get("practitioner"), data.get("treatment")
        if practitioner and treatment and not practitioner.treatments.filter(pk=treatment.pk):
            self.add_error("treatment", f"{practitioner.name} does not offer {treatment.name}.")
        first_day = data.get("first_day")
        if first_day and not local_today() - timedelta(days=7) <= first_day:
            self.add_error("first_day", "A course starts from this week or later.")
        elif first_day and first_day > local_today() + timedelta(days=366):
            self.add_error("first_day", "A course starts within the coming year.")
        return data


class CourseSessionsForm(forms.Form):
    """A date and a time for every session, proposed first and then adjusted by staff."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, count + 1):
            self.fields[f"s{n}_date"] = forms.DateField(
                label=f"Session {n} date",
                widget=forms.DateInput(
                    attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
                ),
                error_messages={"required": "Choose a day for this session."},
            )
            self.fields[f"s{n}_time"] = forms.TimeField(
                label=f"Session {n} time",
                widget=forms.TimeInput(
                    attrs={"type": "time", "class": "form-control"}, format="%H:%M"
                ),
                error_messages={"required": "Choose a time for this session."},
            )
        self.count = count

    def clean(self):
        data = super().clean()
        first, last = local_today(), local_today() + timedelta(days=366)
        for n in range(1, self.count + 1):
            day = data.get(f"s{n}_date")
            if day and not first <= day <= last:
                self.add_error(f"s{n}_date", "Choose a day from today to a year ahead.")
        return data

    def starts(self) -> list[datetime]:
        d, tz = self.cleaned_data, clinic_tz()
        return [
            datetime.combine(d[f"s{n}_date"], d[f"s{n}_time"], tzinfo=tz)
            for n in range(1, self.count + 1)
        ]

    def rows(self) -> list[tuple]:
        return [(n, self[f"s{n}_date"], self[f"s{n}_time"]) for n in range(1, self.count + 1)]


class ScoreField(forms.TypedChoiceField):
    """A 0-10 score chosen from radio buttons; optional; anything else refused clearly."""

    def __init__(self, label: str, *, low: str, high: str):
        super().__init__(
            label=label,
            choices=SCALE,
            coerce=int,
            required=False,
            empty_value=None,
            widget=forms.RadioSelect(attrs={"class": "btn-check"}),
            error_messages={"invalid_choice": f"{label}: choose a whole number from 0 to 10."},
        )
        self.low, self.high = low, high


class OutcomeForm(forms.Form):
    """Pain now, worst pain in the last week, and the course's chosen activities."""

    pain_now = ScoreField("Pain now", low="no pain", high="worst pain imaginable")
    pain_worst = ScoreField(
        "Worst pain in the last week", low="no pain", high="worst pain imaginable"
    )

    def __init__(self, *args, course: Course | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for field, name in course.activities if course else []:
            self.fields[field] = ScoreField(
                name, low="unable to do it", high="as well as before the problem"
            )

    @classmethod
    def for_booking(cls, booking, data=None):
        """The form for a booking, filled with the scores it already has."""
        session = getattr(booking, "course_session", None)
        outcome = Outcome.objects.filter(booking=booking).first()
        fields = ("pain_now", "pain_worst", *ACTIVITY_FIELDS)
        initial = {f: getattr(outcome, f) for f in fields} if outcome else {}
        return cls(data, course=session.course if session else None, initial=initial)

    def scores(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class ActivitiesForm(forms.Form):
    activity_1 = forms.CharField(label="First activity", max_length=80, required=False)
    activity_2 = forms.CharField(label="Second activity", max_length=80, required=False)
    activity_3 = forms.CharField(label="Third activity", max_length=80, required=False)


class TreatmentNoteForm(forms.Form):
    done = forms.CharField(
        label="What was done",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    points = forms.CharField(
        label="Points and technique",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    response = forms.CharField(
        label="The patient's response",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan = forms.CharField(
        label="Plan", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CourseCancelForm(forms.Form):
    reason = forms.CharField(label="Reason (for the record)", max_length=300, required=False)


class CoursePlanner:
    """The three steps of planning a course, the same in the schedule and the admin:
    the plan; the proposed time of every session, which staff may change and check
    again; and the booking of all of them as one. Everything travels in the form, so
    nothing is held between requests. A room's view builds it and renders its own page."""

    def __init__(self, data=None, **plan_options):
        self.step = (data or {}).get("step", "")
        self.plan = CoursePlanForm(data if self.step else None, **plan_options)
        self.sessions: CourseSessionsForm | None = None
        self.proposals = []
        self.problems: list[str | None] = []

    def run(self, *, created_by, now: datetime | None = None) -> Course | None:
        """Take the step the form asked for; the booked course once it is confirmed."""
        now = now or timezone.now()
        if self.step in ("", "edit") or not self.plan.is_valid():
            return None
        plan = self.plan.cleaned_data
        self._propose(plan, now)
        if self.step == "propose":
            return None
        self.sessions = CourseSessionsForm(self.plan.data, count=plan["sessions"])
        if not self.sessions.is_valid():
            return None
        starts = self.sessions.starts()
        if self.step == "confirm":
            course = self._book(plan, starts, created_by, now)
            if course is not None:
                return course
        # Checking, or a confirmation refused: say what is wrong with every session.
        self.problems = session_problems(
            practitioner=plan["practitioner"], treatment=plan["treatment"], starts=starts, now=now
        )
        return None

    @property
    def refused(self) -> bool:
        """A confirmation that booked nothing."""
        return self.step == "confirm" and bool(self.sessions is None or self.sessions.errors)

    def _book(self, plan: dict, starts: list[datetime], created_by, now) -> Course | None:
        try:
            return services.book_course(
                patient=plan["patient"],
                practitioner=plan["practitioner"],
                treatment=plan["treatment"],
                starts=starts,
                rhythm=plan["rhythm"],
                weekday=plan["weekday"],
                preferred_time=plan["preferred_time"],
                created_by=created_by,
                now=now,
            )
        except services.CourseSessionUnavailable as error:
            row = starts.index(sorted(starts)[error.number - 1]) + 1
            self.sessions.add_error(f"s{row}_time", error.problem.value)
            self.sessions.add_error(None, str(error))
        except services.BookingError as error:
            self.sessions.add_error(None, str(error))
        return None

    def _propose(self, plan: dict, now: datetime) -> None:
        self.proposals = propose_course(
            practitioner=plan["practitioner"],
            treatment=plan["treatment"],
            first_day=plan["first_day"],
            weekday=plan["weekday"],
            at=plan["preferred_time"],
            count=plan["sessions"],
            rhythm=plan["rhythm"],
            now=now,
        )
        initial, tz = {}, clinic_tz()
        for p in self.proposals:
            chosen = (p.start or p.wanted).astimezone(tz)
            initial[f"s{p.number}_date"] = chosen.date()
            initial[f"s{p.number}_time"] = chosen.time() if p.start else None
        self.sessions = CourseSessionsForm(count=plan["sessions"], initial=initial)

    def summary(self) -> str:
        d = self.plan.cleaned_data
        return (
            f"{d['sessions']} × {d['treatment'].name}, {Course.Rhythm(d['rhythm']).label.lower()}, "
            f"preferably {WEEKDAYS[d['weekday']][1]} at {d['preferred_time']:%H:%M}, "
            f"from the week of {d['first_day']:%-d %B %Y}"
        )

    def rows(self) -> list[dict]:
        """Each session's row: its inputs, what was proposed and why, and any problem."""
        proposals = {p.number: p for p in self.proposals}
        problems = dict(enumerate(self.problems, start=1))
        return [
            {
                "number": n,
                "date": date_field,
                "time": time_field,
                "proposal": proposals.get(n),
                "problem": problems.get(n),
            }
            for n, date_field, time_field in self.sessions.rows()
        ]
