"""The health screening asked at booking: every question and its rule, in one place.

Two kinds of question (DESIGN.md, "Health screening"):
- warning signs of a back problem that needs a doctor, not a needle: any yes stops the
  booking and tells the patient where to get urgent care; nothing about it is saved except
  that the warning was shown;
- cautions before needling: a yes never blocks, it flags the booking for the practitioner.

Change a question's wording and bump VERSION: bookings keep the version they answered.
"""

from dataclasses import dataclass

VERSION = "2026-11"


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    # What the practitioner sees when the answer is yes (cautions only).
    flag: str = ""


WARNING_SIGNS = [
    Question(
        "saddle_numbness",
        "Do you have numbness or tingling around your genitals, bottom or inner thighs?",
    ),
    Question(
        "bladder_bowel",
        "Have you had new difficulty passing urine, or controlling your bladder or bowels?",
    ),
    Question(
        "fever_unwell", "Do you have a fever, or feel generally unwell, along with the back pain?"
    ),
    Question("weight_loss", "Have you lost weight recently without trying?"),
    Question("trauma", "Did the pain start after a serious fall, car accident or other injury?"),
    Question("cancer_history", "Have you ever had cancer?"),
]

CAUTIONS = [
    Question("pregnant", "Are you pregnant, or could you be?", "Pregnant or may be pregnant"),
    Question(
        "pacemaker",
        "Do you have a pacemaker or another implanted electrical device?",
        "Pacemaker or implanted device: no electro-acupuncture",
    ),
    Question(
        "bleeding",
        "Do you have a bleeding disorder, or take blood thinners (such as warfarin, apixaban or daily aspirin)?",
        "Bleeding disorder or blood thinners",
    ),
    Question(
        "fainting",
        "Are you afraid of needles, or do you tend to faint?",
        "Needle phobia or fainting",
    ),
    Question("diabetes", "Do you have diabetes?", "Diabetes"),
    Question(
        "recent_surgery",
        "Have you had surgery in the last three months?",
        "Surgery in the last three months",
    ),
    Question(
        "skin_problem",
        "Do you have broken skin, a rash or an infection on your back or legs?",
        "Broken skin or infection near treatment area",
    ),
]

URGENT_CARE_ADVICE = (
    "Please do not book acupuncture now. What you have told us can be a sign of a problem that "
    "needs a doctor urgently. If you have numbness around your genitals or bottom, or new trouble "
    "controlling your bladder or bowels, call 999 or go to A&E now. Otherwise call NHS 111 or your "
    "GP today and tell them about your back pain and this symptom."
)

CONSENT_TEXT = (
    "I understand that acupuncture can cause soreness, small bruises or a little bleeding where "
    "needles go in, that I may feel faint, that infection is rare, and that a needle in the upper "
    "back can very rarely cause a collapsed lung. I agree to be assessed and, if suitable, "
    "treated, and I know I can stop at any time."
)


def has_warning_sign(answers: dict[str, bool]) -> bool:
    return any(answers.get(q.key) for q in WARNING_SIGNS)


def caution_flags(answers: dict[str, bool]) -> list[str]:
    """The practitioner-facing flags raised by a set of caution answers."""
    return [q.flag for q in CAUTIONS if answers.get(q.key)]


def flags_for_keys(keys: list[str]) -> list[str]:
    by_key = {q.key: q.flag for q in CAUTIONS}
    return [by_key[k] for k in keys if k in by_key]
