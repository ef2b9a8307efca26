"""One person's screening answers, read against the rules in `bookings.screening`: the most
urgent outcome, the advice they see (most urgent first), and what the practitioner is
flagged before needling. Pure: no Django, no clock (the caller gives the age)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bookings import screening
from bookings.screening import Advice, Answer, Kind, Level, Question

# Beyond this many unasked questions a flag gives the count, not the list.
NOT_ASKED_LISTED = 3
UNDER_AGE_FLAG = "Under 18: a parent or guardian must consent and come to the session"


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def follow_up_applies(age: int | None) -> bool:
    return age is not None and not (
        screening.YOUNGEST_WITHOUT_FOLLOW_UP <= age <= screening.OLDEST_WITHOUT_FOLLOW_UP
    )


def too_young_online(age: int) -> bool:
    return age < screening.MINIMUM_AGE_ONLINE


def questions_for(age: int | None) -> list[Question]:
    """Every question someone of this age must answer, in the order they are asked."""
    return [
        *screening.WARNING_SIGNS,
        *([screening.NEW_EPISODE] if follow_up_applies(age) else []),
        *screening.CAUTIONS,
    ]


def normalise(answers: Mapping[str, object]) -> dict[str, Answer]:
    """Stored answers as Answers. The first version stored booleans (True for yes, False
    for no); anything else, or a missing key, is a question nobody asked."""
    result = {}
    for key, value in answers.items():
        if isinstance(value, bool):
            result[key] = Answer.YES if value else Answer.NO
        elif isinstance(value, str) and value in set(Answer):
            result[key] = Answer(value)
    return result


@dataclass(frozen=True)
class Finding:
    question: Question
    answer: Answer
    level: Level
    checked_by_doctor: bool = False

    @property
    def reason(self) -> str:
        """For the patient, in the list under the advice."""
        if self.checked_by_doctor:
            return f"{self.question.summary} (already checked by a doctor)"
        if self.answer is Answer.NOT_SURE:
            return f"{self.question.summary} (you were not sure)"
        return self.question.summary

    @property
    def flag(self) -> str:
        """For the practitioner, before needling."""
        q = self.question
        if q.kind is Kind.CAUTION:
            return q.flag + (" (patient not sure)" if self.answer is Answer.NOT_SURE else "")
        if self.checked_by_doctor:
            detail = "already checked by a doctor"
        else:
            detail = "patient not sure" if self.answer is Answer.NOT_SURE else "patient said yes"
        return f"Warning sign, {detail}: {q.summary}. Speak to the patient before needling"


@dataclass(frozen=True)
class Assessment:
    findings: tuple[Finding, ...]  # most urgent first, then in the order asked
    not_asked: tuple[Question, ...]
    age: int | None = None

    @property
    def level(self) -> Level:
        return max((f.level for f in self.findings), default=Level.NONE)

    @property
    def stops_online(self) -> bool:
        """A patient booking online is stopped by anything beyond a flag."""
        return self.level >= Level.CALL_CLINIC

    @property
    def stops_staff(self) -> bool:
        """Staff may book a "call us" patient (that call is the talk); never an urgent one."""
        return self.level >= Level.URGENT

    def advice(self) -> list[tuple[Level, Advice, list[str]]]:
        """What this person should do, most urgent first, each with their reasons."""
        return [
            (level, screening.ADVICE[level], [f.reason for f in self.findings if f.level is level])
            for level in (Level.EMERGENCY, Level.URGENT, Level.CALL_CLINIC)
            if any(f.level is level for f in self.findings)
        ]

    @property
    def flags(self) -> list[str]:
        """For the practitioner, the most serious first; empty when nothing needs a look."""
        warnings = [f.flag for f in self.findings if f.level >= Level.CALL_CLINIC]
        cautions = [f.flag for f in self.findings if f.level is Level.FLAG]
        age = [UNDER_AGE_FLAG] if self.age is not None and too_young_online(self.age) else []
        return [*warnings, *self._not_asked_flag(), *age, *cautions]

    def _not_asked_flag(self) -> list[str]:
        missing = self.not_asked
        if not missing:
            return []
        if len(missing) == len(questions_for(self.age)):
            return ["Screening not done: ask every health question before needling"]
        if len(missing) > NOT_ASKED_LISTED:
            return [
                f"Screening incomplete: {len(missing)} questions not asked; ask before needling"
            ]
        return [f"Not asked: {', '.join(q.summary for q in missing)}; ask before needling"]


def assess(answers: Mapping[str, object], *, age: int | None = None) -> Assessment:
    """Read a set of answers (missing keys: not asked) for someone of this age."""
    answers = normalise(answers)
    checked = answers.get(screening.DOCTOR_CHECKED.key) is Answer.YES
    findings = []
    for q in questions_for(age):
        answer = answers.get(q.key)
        if answer is None:
            continue
        level = q.outcomes[answer]
        by_doctor = checked and answer is Answer.YES and level is Level.URGENT
        if by_doctor:
            level = Level.CALL_CLINIC
        if level is not Level.NONE:
            findings.append(Finding(q, answer, level, by_doctor))
    findings.sort(key=lambda f: -f.level)
    not_asked = tuple(q for q in questions_for(age) if q.key not in answers)
    return Assessment(tuple(findings), not_asked, age)


@dataclass(frozen=True)
class Row:
    question: Question
    answer: Answer | None  # None: not asked

    @property
    def level(self) -> Level:
        return Level.NONE if self.answer is None else self.question.outcomes[self.answer]

    @property
    def label(self) -> str:
        return screening.NOT_ASKED if self.answer is None else screening.ANSWER_LABELS[self.answer]

    @property
    def needs_a_look(self) -> bool:
        """Asked and answered other than no, or not asked at all."""
        return self.answer is None or self.level is not Level.NONE


def rows(answers: Mapping[str, object], *, age: int | None = None) -> list[Row]:
    """Every question with this person's answer, for the practitioner and staff: what is
    asked now (unanswered ones as not asked), then any earlier question they answered."""
    answers = normalise(answers)
    shown = [*screening.WARNING_SIGNS]
    if follow_up_applies(age) or screening.NEW_EPISODE.key in answers:
        shown.append(screening.NEW_EPISODE)
    if screening.DOCTOR_CHECKED.key in answers:
        shown.append(screening.DOCTOR_CHECKED)
    shown += screening.CAUTIONS + [q for q in screening.RETIRED if q.key in answers]
    return [Row(q, answers.get(q.key)) for q in shown]


def safety_net() -> list[tuple[Advice, list[str]]]:
    """The signs that need a doctor rather than a needle, by how urgently: the same list
    the questions route, for the footer, the home page and the emails."""
    return [
        (
            screening.ADVICE[level],
            [q.summary for q in screening.WARNING_SIGNS if q.outcomes[Answer.YES] is level],
        )
        for level in (Level.EMERGENCY, Level.URGENT)
    ]
