"""The health screening asked at every booking: every question, its answers (yes, no, not
sure), what each answer leads to, and the advice every page and email gives. The rules
live here only; `bookings.triage` applies them to one person's answers. README's "Health
screening" section explains them. Give a question whose meaning changes a new key (the
old one goes to RETIRED, so old bookings still show it) and bump VERSION on any change.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum

VERSION = "2026-12"


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


ANSWER_LABELS = {Answer.YES: "Yes", Answer.NO: "No", Answer.NOT_SURE: "Not sure"}
NOT_ASKED = "Not asked"


class Kind(StrEnum):
    WARNING_SIGN = "warning_sign"
    CAUTION = "caution"


class Level(IntEnum):
    NONE = 0
    FLAG = 1
    CALL_CLINIC = 2
    URGENT = 3
    EMERGENCY = 4


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: Kind
    # The symptom or caution in a few plain words: the advice, the footer and flags use it.
    summary: str
    outcomes: Mapping[Answer, Level]
    # What the practitioner sees before needling when a caution is answered yes.
    flag: str = ""

    def __post_init__(self):
        if self.kind is Kind.CAUTION and not self.flag:
            object.__setattr__(self, "flag", self.summary[0].upper() + self.summary[1:])


def _warning(key: str, level: Level, text: str, summary: str) -> Question:
    outcomes = {Answer.YES: level, Answer.NO: Level.NONE, Answer.NOT_SURE: Level.CALL_CLINIC}
    return Question(key, text, Kind.WARNING_SIGN, summary, outcomes)


def _caution(key: str, text: str, summary: str, flag: str = "") -> Question:
    outcomes = {Answer.YES: Level.FLAG, Answer.NO: Level.NONE, Answer.NOT_SURE: Level.FLAG}
    return Question(key, text, Kind.CAUTION, summary, outcomes, flag)


E, U = Level.EMERGENCY, Level.URGENT
# fmt: off
WARNING_SIGNS = [
    # Cauda equina syndrome, and chest pain: treatment is needed within hours.
    _warning("saddle_numbness", E,
             "Do you have new numbness or tingling around your genitals, your bottom or the inside of your thighs?",
             "new numbness or tingling around your genitals, bottom or inner thighs"),
    _warning("cannot_pass_urine", E,
             "Have you recently found it hard, or impossible, to pass urine (pee)?",
             "new difficulty passing urine"),
    _warning("bladder_bowel_control", E,
             "Have you recently lost control of your bladder or bowels (leaking without meaning to, or not feeling when you need to go)?",
             "loss of bladder or bowel control"),
    _warning("both_legs", E,
             "Do you have weakness, numbness or pins and needles in both legs?",
             "weakness or numbness in both legs"),
    _warning("leg_getting_worse", E,
             "Is weakness or numbness in a leg getting worse (for example, your foot catching or dragging when you walk)?",
             "leg weakness or numbness that is getting worse"),
    _warning("sexual_function", E,
             "Since the back pain began, have you noticed new problems with sex, such as less feeling in your genitals or trouble getting an erection?",
             "new problems with sexual function"),
    _warning("chest_pain", E,
             "Do you have pain or tightness in your chest as well as your back pain?",
             "chest pain as well as back pain"),
    # Possible infection, fracture or cancer: a doctor should check first, today.
    _warning("fever_unwell", U,
             "Do you have a fever (a high temperature, or feeling hot and shivery), or feel generally unwell, with your back pain?",
             "a fever, or feeling generally unwell"),
    _warning("weight_loss", U,
             "Have you lost weight in the last few months without trying?",
             "weight loss you cannot explain"),
    _warning("pain_after_cancer", U,
             "Has this back pain started since you were diagnosed with or treated for cancer?",
             "new back pain since having cancer"),
    _warning("serious_injury", U,
             "Did this back pain start after a serious injury in the last 3 months, such as a car accident or a fall from a height?",
             "a serious injury in the last 3 months"),
    _warning("minor_fall_thin_bones", U,
             "Did the pain start after a minor fall, bump or lift, and do you have thin bones (osteoporosis) or take steroid tablets long term?",
             "pain after a minor fall or lift, with thin bones or long-term steroid tablets"),
    _warning("immunity_new_pain", U,
             "Is your immune system weakened (for example by chemotherapy, an organ transplant, HIV or medicines that dampen it), and did this back pain start in the last 6 weeks?",
             "new back pain with a weakened immune system"),
    _warning("injects_drugs", U,
             "Do you inject drugs that were not prescribed for you?",
             "injecting drugs"),
    _warning("night_pain", U,
             "Is the pain bad at night and not eased at all by resting or changing position?",
             "night pain that rest or changing position does not ease"),
    _warning("between_shoulder_blades", U,
             "Do you have new pain in your upper back, between your shoulder blades?",
             "new pain between your shoulder blades"),
]

# Asked only of people under 20 or over 50 (the ages below), for whom new back pain is
# less often simple: a practitioner talks to them first. Under 18s book by phone.
NEW_EPISODE = _warning(
    "new_episode",
    Level.CALL_CLINIC,
    "Did this episode of back pain start in the last 6 weeks?",
    "back pain that started in the last 6 weeks, under the age of 20 or over 50",
)
YOUNGEST_WITHOUT_FOLLOW_UP, OLDEST_WITHOUT_FOLLOW_UP = 20, 50
MINIMUM_AGE_ONLINE = 18

# A yes here turns an URGENT warning sign into CALL_CLINIC ("call us to book"): a doctor
# has already looked at it. It never changes an EMERGENCY: those questions ask about new
# signs, which a doctor's earlier visit cannot have covered.
DOCTOR_CHECKED = Question(
    "doctor_checked",
    "Has a doctor already checked the symptom you said yes to, since it started?",
    Kind.WARNING_SIGN,
    "already checked by a doctor",
    {Answer.YES: Level.NONE, Answer.NO: Level.NONE, Answer.NOT_SURE: Level.NONE},
)

CAUTIONS = [
    _caution("pregnant",
             "Are you pregnant, or could you be?",
             "pregnancy",
             "Pregnant or may be pregnant"),
    _caution("pacemaker",
             "Do you have a pacemaker or another implanted electrical device (such as a defibrillator or a nerve stimulator)?",
             "pacemaker or implanted device",
             "Pacemaker or implanted device: no electro-acupuncture"),
    _caution("bleeding",
             "Do you have a bleeding disorder, or take blood thinners (such as warfarin, apixaban or daily aspirin)?",
             "bleeding disorder or blood thinners"),
    _caution("epilepsy",
             "Do you have epilepsy, or have you ever had a seizure (fit)?",
             "epilepsy or seizures"),
    _caution("weak_immunity",
             "Is your immune system weakened, for example by chemotherapy, an organ transplant, HIV or medicines such as steroid tablets?",
             "weakened immune system",
             "Weakened immune system: higher risk of infection"),
    _caution("diabetes",
             "Do you have diabetes?",
             "diabetes"),
    _caution("fainting",
             "Are you afraid of needles, or do you tend to faint?",
             "fear of needles or fainting",
             "Needle phobia or fainting"),
    _caution("recent_surgery",
             "Have you had surgery in the last three months?",
             "surgery in the last three months"),
    _caution("metal_allergy",
             "Are you allergic to nickel or another metal (for example in jewellery or watch straps)?",
             "metal allergy",
             "Metal allergy (such as nickel)"),
    _caution("lymphoedema",
             "Do you have lymphoedema (long-lasting swelling of an arm or leg), or have you had lymph nodes removed?",
             "lymphoedema or lymph nodes removed",
             "Lymphoedema or lymph nodes removed: do not needle the affected limb"),
    _caution("broken_skin",
             "Do you have broken skin, a rash, a wound or an infection anywhere needles may go: your back, legs, arms, hands, feet or ears?",
             "broken skin, a rash or an infection where needles may go",
             "Broken skin, rash or infection: check the area before needling"),
]

# Questions of earlier versions whose meaning changed: old bookings still show them.
RETIRED = [
    _caution("skin_problem",
             "Do you have broken skin, a rash or an infection on your back or legs?",
             "broken skin or infection on the back or legs",
             "Broken skin or infection near treatment area"),
]
# fmt: on


@dataclass(frozen=True)
class Advice:
    heading: str  # what to do, first and plainly
    text: str  # why; "{phone}" is the clinic's number
    safety_net: str = ""  # leads the list of signs in the footer, home page and emails


ADVICE = {
    Level.EMERGENCY: Advice(
        "Call 999 or go to A&E now",
        "What you told us can be a sign of a problem that needs treatment within hours, such "
        "as pressure on the nerves at the bottom of the spine (cauda equina syndrome), or a "
        "problem with the heart or a major blood vessel. Do not wait to see if it gets "
        "better, and do not book acupuncture.",
        "Call 999 or go to A&E now if back pain comes with any of these:",
    ),
    Level.URGENT: Advice(
        "Call NHS 111 or your GP today",
        "What you told us can be a sign of a problem a doctor should check before you have "
        "acupuncture, such as an infection, a broken bone or, rarely, cancer. Tell them "
        "about your back pain and what you told us here. If it gets worse, call 999.",
        "Call NHS 111 or your GP today if back pain comes with any of these:",
    ),
    Level.CALL_CLINIC: Advice(
        "Call us before you book",
        "Please ring us on {phone} so one of our practitioners can talk it through with you "
        "first. If acupuncture is suitable we will book you then; if it is not, we will tell "
        "you who to see instead.",
    ),
}

BEFORE_YOUR_VISIT = (
    "If any of these start before your visit, do not wait for your appointment: get help "
    "as below, then let us know on {phone} so we can move it."
)

UNDER_AGE_ONLINE = (
    "We can only book adults (18 and over) online. For anyone under 18, a parent or "
    "guardian can call us on {phone}: we will talk through whether acupuncture is suitable, "
    "and they will need to come to the session."
)

CONSENT_TEXT = (
    "I understand that acupuncture can cause soreness, small bruises or a little bleeding where "
    "needles go in, that I may feel faint, that infection is rare, and that a needle in the upper "
    "back can very rarely cause a collapsed lung. I agree to be assessed and, if suitable, "
    "treated, and I know I can stop at any time."
)
