"""What each answer to each health question must lead to, written out by hand so that a
change to bookings/screening.py that reroutes an answer fails a test. One table drives the
patient's booking form (tests/bookings/patient/test_screening_flow.py) and the admin's
add-booking form (tests/bookings/backoffice/test_admin_screening.py)."""

from datetime import date

EMERGENCY, URGENT, CALL_US, FLAG, BOOKED = "emergency", "urgent", "call_clinic", "flag", "booked"

# key: (after "yes", after "not sure"); "no" always books with nothing to flag.
OUTCOMES = {
    "saddle_numbness": (EMERGENCY, CALL_US),
    "cannot_pass_urine": (EMERGENCY, CALL_US),
    "bladder_bowel_control": (EMERGENCY, CALL_US),
    "both_legs": (EMERGENCY, CALL_US),
    "leg_getting_worse": (EMERGENCY, CALL_US),
    "sexual_function": (EMERGENCY, CALL_US),
    "chest_pain": (EMERGENCY, CALL_US),
    "fever_unwell": (URGENT, CALL_US),
    "weight_loss": (URGENT, CALL_US),
    "pain_after_cancer": (URGENT, CALL_US),
    "serious_injury": (URGENT, CALL_US),
    "minor_fall_thin_bones": (URGENT, CALL_US),
    "immunity_new_pain": (URGENT, CALL_US),
    "injects_drugs": (URGENT, CALL_US),
    "night_pain": (URGENT, CALL_US),
    "between_shoulder_blades": (URGENT, CALL_US),
    "new_episode": (CALL_US, CALL_US),  # asked of under-20s and over-50s only
    "pregnant": (FLAG, FLAG),
    "pacemaker": (FLAG, FLAG),
    "bleeding": (FLAG, FLAG),
    "epilepsy": (FLAG, FLAG),
    "weak_immunity": (FLAG, FLAG),
    "diabetes": (FLAG, FLAG),
    "fainting": (FLAG, FLAG),
    "recent_surgery": (FLAG, FLAG),
    "metal_allergy": (FLAG, FLAG),
    "lymphoedema": (FLAG, FLAG),
    "broken_skin": (FLAG, FLAG),
}

# What the practitioner sees for a "yes" to each caution.
CAUTION_FLAGS = {
    "pregnant": "Pregnant or may be pregnant",
    "pacemaker": "Pacemaker or implanted device: no electro-acupuncture",
    "bleeding": "Bleeding disorder or blood thinners",
    "epilepsy": "Epilepsy or seizures",
    "weak_immunity": "Weakened immune system: higher risk of infection",
    "diabetes": "Diabetes",
    "fainting": "Needle phobia or fainting",
    "recent_surgery": "Surgery in the last three months",
    "metal_allergy": "Metal allergy (such as nickel)",
    "lymphoedema": "Lymphoedema or lymph nodes removed: do not needle the affected limb",
    "broken_skin": "Broken skin, rash or infection: check the area before needling",
}

# The headings that open each outcome page, and what a patient sees there.
HEADINGS = {
    EMERGENCY: "Call 999 or go to A&amp;E now",
    URGENT: "Call NHS 111 or your GP today",
    CALL_US: "Call us before you book",
}

# Born so that the age follow-up question is asked (over 50 on the test Monday) or not.
BORN_46 = date(1980, 5, 17)
BORN_66 = date(1960, 5, 17)


def cases():
    """(key, answer, expected outcome) for every question and every answer."""
    for key, (after_yes, after_not_sure) in OUTCOMES.items():
        yield key, "yes", after_yes
        yield key, "not_sure", after_not_sure
        yield key, "no", BOOKED


def born_for(key: str) -> date:
    return BORN_66 if key == "new_episode" else BORN_46
