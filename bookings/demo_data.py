"""The demo clinic's people and services. Every practitioner here is fictional.

seed_demo marks them fictional, so the site labels them; their registration numbers start
with DEMO- so a patient who searches a real register can never find a real person.
"""

from datetime import time

from practitioners.models import Registration

Kind = Registration.Kind


def bacc(number):
    return {
        "body": "British Acupuncture Council (BAcC)",
        "kind": Kind.ACCREDITED,
        "number": number,
        "check_url": "https://acupuncture.org.uk/find-an-acupuncturist/",
    }


LANGUAGES = [
    ("English", "english"),
    ("Welsh", "welsh"),
    ("Polish", "polish"),
    ("Mandarin", "mandarin"),
    ("Cantonese", "cantonese"),
    ("Spanish", "spanish"),
    ("Urdu", "urdu"),
]

WEEKDAYS_9_TO_5 = [(day, time(9), time(17)) for day in range(5)]

PRACTITIONERS = [
    {
        "slug": "hannah-okafor",
        "name": "Hannah Okafor",
        "title": "Acupuncturist, MBAcC",
        "registrations": [bacc("DEMO-BAC-10482")],
        "practising_since": 2009,
        "biography": (
            "Hannah founded the clinic after ten years treating back pain in a multidisciplinary "
            "pain service. She works closely with local physiotherapists and likes to give every "
            "patient a simple exercise to take home.\n\n"
            "Outside the clinic she walks long-distance footpaths, slowly."
        ),
        "qualifications": "BSc (Hons) Acupuncture, University of Westminster\nPostgraduate certificate in pain management",
        "specialties": ["chronic-low-back-pain", "sciatica", "spinal-stenosis"],
        "languages": ["english"],
        "hours": WEEKDAYS_9_TO_5,
        "login": "hannah",
    },
    {
        "slug": "tomasz-wrobel",
        "name": "Tomasz Wróbel",
        "title": "Acupuncturist, MBAcC",
        "registrations": [bacc("DEMO-BAC-11935")],
        "practising_since": 2014,
        "biography": (
            "Tomasz came to acupuncture from sports massage and still thinks about backs in terms "
            "of how people move. He treats many runners, cyclists and people in physical jobs."
        ),
        "qualifications": "Licentiate in Acupuncture (LicAc)\nDiploma in Sports Massage",
        "specialties": ["disc-herniation", "facet-syndrome", "chronic-low-back-pain"],
        "languages": ["english", "polish"],
        "hours": [
            (0, time(12), time(20)),
            (2, time(12), time(20)),
            (4, time(8), time(14)),
            (5, time(9), time(13)),
        ],
    },
    {
        "slug": "mei-lin-chen",
        "name": "Dr Mei-Lin Chen",
        "title_note": "Dr here means a PhD, a research degree. Mei-Lin is not a medical doctor.",
        "title": "Acupuncturist and Chinese medicine practitioner, MBAcC",
        "registrations": [bacc("DEMO-BAC-08217")],
        "practising_since": 2003,
        "biography": (
            "Mei-Lin trained in Chengdu and London and has practised for over twenty years. She is "
            "known for a calm, unhurried manner and for explaining exactly what she is doing."
        ),
        "qualifications": "MSc Chinese Medicine (Acupuncture), Middlesex University\nPhD, Chengdu University of Traditional Chinese Medicine",
        "specialties": ["spondylosis", "degenerative-disc-disease", "upper-back-and-neck-tension"],
        "languages": ["english", "mandarin", "cantonese"],
        "hours": [(1, time(9), time(17)), (3, time(9), time(17)), (4, time(9), time(13))],
    },
    {
        "slug": "rhys-pritchard",
        "name": "Rhys Pritchard",
        "title": "Physiotherapist and acupuncturist, AACP",
        "registrations": [
            {
                "body": "Health and Care Professions Council (HCPC)",
                "kind": Kind.STATUTORY,
                "number": "DEMO-PH55210",
                "check_url": "https://www.hcpc-uk.org/check-the-register/",
            },
            {
                "body": "Acupuncture Association of Chartered Physiotherapists (AACP)",
                "kind": Kind.MEMBERSHIP,
                "number": "DEMO-AACP-5521",
                "check_url": "",
            },
        ],
        "practising_since": 2011,
        "biography": (
            "Rhys is a chartered physiotherapist who uses acupuncture alongside hands-on treatment "
            "and exercise. He is a good choice if you want one person to guide both your "
            "rehabilitation and your acupuncture."
        ),
        "qualifications": "BSc (Hons) Physiotherapy, Cardiff University\nAACP Foundation Acupuncture Course",
        "specialties": ["chronic-low-back-pain", "spondylolisthesis", "disc-herniation"],
        "languages": ["english", "welsh"],
        "hours": [(0, time(8), time(16)), (1, time(8), time(16)), (3, time(8), time(16))],
    },
    {
        "slug": "lucia-fernandez",
        "name": "Lucía Fernández",
        "title": "Acupuncturist, MBAcC",
        "registrations": [bacc("DEMO-BAC-12760")],
        "practising_since": 2017,
        "biography": (
            "Lucía has a particular interest in back pain during and after pregnancy and in people "
            "who are nervous of needles. Her first sessions are gentle, with few needles."
        ),
        "qualifications": "BSc (Hons) Acupuncture, College of Integrated Chinese Medicine\nCertificate in obstetric acupuncture",
        "specialties": ["chronic-low-back-pain", "upper-back-and-neck-tension", "sciatica"],
        "languages": ["english", "spanish"],
        "hours": [(1, time(10), time(18)), (2, time(10), time(18)), (4, time(10), time(18))],
    },
    {
        "slug": "imran-siddiqui",
        "name": "Imran Siddiqui",
        "title": "Acupuncturist, MBAcC",
        "registrations": [bacc("DEMO-BAC-13304")],
        "practising_since": 2019,
        "biography": (
            "Imran previously worked as an occupational health adviser and helps many patients "
            "whose back pain is tied to desk work, driving or shifts."
        ),
        "qualifications": "BSc (Hons) Acupuncture, Northern College of Acupuncture\nBSc Occupational Health",
        "specialties": ["upper-back-and-neck-tension", "facet-syndrome", "spinal-stenosis"],
        "languages": ["english", "urdu"],
        "hours": [
            (0, time(9), time(17)),
            (2, time(9), time(17)),
            (3, time(13), time(20)),
            (5, time(9), time(13)),
        ],
    },
]

TREATMENTS = [
    {
        "slug": "initial-consultation",
        "name": "First consultation and treatment",
        "description": "For new patients. A full assessment of your back pain and health, an explanation of what acupuncture can and cannot do for you, and a first treatment if it is suitable.",
        "duration_minutes": 75,
        "buffer_minutes": 15,
        "price": "75.00",
        "patient_kind": "new",
    },
    {
        "slug": "follow-up",
        "name": "Follow-up treatment",
        "description": "For returning patients. A short review of how you have been, then treatment.",
        "duration_minutes": 45,
        "buffer_minutes": 15,
        "price": "58.00",
        "patient_kind": "returning",
    },
    {
        "slug": "short-review",
        "name": "Short treatment",
        "description": "For returning patients who know what works for them: a focused session with fewer points.",
        "duration_minutes": 30,
        "buffer_minutes": 10,
        "price": "42.00",
        "patient_kind": "returning",
    },
]

# Fictional patients for the demo diary; the domain marks them so seeding runs once.
DEMO_PATIENT_DOMAIN = "@patients.example.org"
PATIENTS = [
    ("Amira", "Haddad", "07700 900101", "1978-03-14"),
    ("Ben", "Carter", "07700 900102", "1985-11-02"),
    ("Chloe", "Davies", "07700 900103", "1992-06-21"),
    ("Dev", "Patel", "07700 900104", "1969-09-09"),
    ("Ewa", "Kowalska", "07700 900105", "1988-01-30"),
    ("Femi", "Adeyemi", "07700 900106", "1975-12-12"),
    ("Grace", "Li", "07700 900107", "1990-04-05"),
    ("Harry", "Evans", "07700 900108", "1958-07-19"),
    ("Isla", "Murray", "07700 900109", "1996-02-27"),
    ("Jonah", "Reid", "07700 900110", "1981-08-08"),
]
# Screening answers to vary the diary, as reception took them on the phone: the answers
# that differ from "no"; None is a booking whose screening nobody has done yet.
SCREENING_EXAMPLES = [
    {},
    {},
    {"pregnant": "yes"},
    {},
    None,
    {},
    {"bleeding": "yes"},
    {},
    {},
    {},
    {"fainting": "not_sure"},
    {},
]
