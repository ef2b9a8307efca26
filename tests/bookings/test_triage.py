"""The screening rules applied to answers, without a database."""

from datetime import date

import pytest

from bookings import screening, triage
from bookings.screening import Answer, Kind, Level

ALL_NO = {q.key: "no" for q in triage.questions_for(35)}


def test_question_keys_are_unique_across_versions():
    every = [
        *screening.WARNING_SIGNS,
        screening.NEW_EPISODE,
        screening.DOCTOR_CHECKED,
        *screening.CAUTIONS,
        *screening.RETIRED,
    ]
    assert len({q.key for q in every}) == len(every)


def test_every_question_routes_yes_no_and_not_sure():
    for q in [*screening.WARNING_SIGNS, screening.NEW_EPISODE, *screening.CAUTIONS]:
        assert set(q.outcomes) == set(Answer)
        assert q.outcomes[Answer.NO] is Level.NONE
        if q.kind is Kind.CAUTION:
            assert q.flag and q.outcomes[Answer.YES] is q.outcomes[Answer.NOT_SURE] is Level.FLAG
        else:
            assert q.outcomes[Answer.YES] >= Level.CALL_CLINIC
            assert q.outcomes[Answer.NOT_SURE] is Level.CALL_CLINIC


def test_advice_is_most_urgent_first_with_the_patients_own_reasons():
    result = triage.assess(
        {**ALL_NO, "weight_loss": "not_sure", "night_pain": "yes", "chest_pain": "yes"}, age=35
    )

    assert result.level is Level.EMERGENCY
    assert [(level, reasons) for level, _, reasons in result.advice()] == [
        (Level.EMERGENCY, ["chest pain as well as back pain"]),
        (Level.URGENT, ["night pain that rest or changing position does not ease"]),
        (Level.CALL_CLINIC, ["weight loss you cannot explain (you were not sure)"]),
    ]


def test_a_doctor_check_turns_urgent_into_call_us_but_never_an_emergency():
    checked = {**ALL_NO, "doctor_checked": "yes"}

    urgent = triage.assess({**checked, "weight_loss": "yes"}, age=35)
    emergency = triage.assess({**checked, "both_legs": "yes"}, age=35)
    unsure = triage.assess({**checked, "weight_loss": "not_sure"}, age=35)

    assert (urgent.level, urgent.stops_online, urgent.stops_staff) == (
        Level.CALL_CLINIC,
        True,
        False,
    )
    assert (
        urgent.findings[0].reason == "weight loss you cannot explain (already checked by a doctor)"
    )
    assert emergency.level is Level.EMERGENCY
    assert unsure.findings[0].checked_by_doctor is False


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2000, 2, 29), date(2018, 2, 28), 17),
        (date(2000, 2, 29), date(2018, 3, 1), 18),
        (date(1976, 11, 23), date(2026, 11, 22), 49),
        (date(1976, 11, 23), date(2026, 11, 23), 50),
    ],
)
def test_age_on_a_day(born, on, age):
    assert triage.age_on(born, on) == age


@pytest.mark.parametrize(
    ("age", "follow_up", "too_young"),
    [(17, True, True), (18, True, False), (19, True, False), (20, False, False)]
    + [(50, False, False), (51, True, False), (None, False, False)],
)
def test_age_rules(age, follow_up, too_young):
    assert triage.follow_up_applies(age) is follow_up
    assert (screening.NEW_EPISODE in triage.questions_for(age)) is follow_up
    if age is not None:
        assert triage.too_young_online(age) is too_young


def test_first_version_booleans_read_as_yes_and_no_and_junk_as_not_asked():
    assert triage.normalise({"pregnant": True, "diabetes": False, "x": 1, "y": {"a": 1}}) == {
        "pregnant": Answer.YES,
        "diabetes": Answer.NO,
    }
    assert triage.normalise({"pregnant": "maybe", "bleeding": "not_sure"}) == {
        "bleeding": Answer.NOT_SURE
    }


@pytest.mark.parametrize(
    ("answers", "flags"),
    [
        ({}, ["Screening not done: ask every health question before needling"]),
        (
            {k: v for k, v in ALL_NO.items() if k not in ("epilepsy", "diabetes")},
            ["Not asked: epilepsy or seizures, diabetes; ask before needling"],
        ),
        (
            {"pregnant": True},
            [
                "Screening incomplete: 26 questions not asked; ask before needling",
                "Pregnant or may be pregnant",
            ],
        ),
        ({**ALL_NO, "fainting": "not_sure"}, ["Needle phobia or fainting (patient not sure)"]),
        (ALL_NO, []),
    ],
)
def test_flags_say_what_was_not_asked_never_a_no(answers, flags):
    assert triage.assess(answers, age=35).flags == flags


def test_rows_show_not_asked_and_first_version_questions_in_their_own_words():
    rows = triage.rows({"pregnant": True, "skin_problem": False}, age=35)
    labels = {row.question.key: row.label for row in rows}

    assert labels["pregnant"] == "Yes"
    assert labels["epilepsy"] == "Not asked"
    assert labels["cannot_pass_urine"] == "Not asked"
    assert labels["skin_problem"] == "No"
    assert "new_episode" not in labels and "doctor_checked" not in labels


def test_safety_net_lists_each_sign_under_its_own_urgency():
    (emergency, emergency_signs), (urgent, urgent_signs) = triage.safety_net()

    assert emergency.heading == "Call 999 or go to A&E now"
    assert "new difficulty passing urine" in emergency_signs
    assert urgent.heading == "Call NHS 111 or your GP today"
    assert "a fever, or feeling generally unwell" in urgent_signs
    assert len(emergency_signs) + len(urgent_signs) == len(screening.WARNING_SIGNS)
