"""The sources the demo clinic's patient information rests on, and its clinical review.

Each page names the keys of the sources it draws on. For a web page that changes, the
year is the year it was last checked, as the admin's help text says.
"""

from datetime import date

SOURCES = {
    "nice-ng59": {
        "title": "Low back pain and sciatica in over 16s: assessment and management (NG59)",
        "publisher": "National Institute for Health and Care Excellence (NICE)",
        "year": 2016,
        "url": "https://www.nice.org.uk/guidance/ng59",
    },
    "cochrane-low-back": {
        "title": "Acupuncture for chronic nonspecific low back pain (Mu and others)",
        "publisher": "Cochrane Database of Systematic Reviews",
        "year": 2020,
        "url": "https://doi.org/10.1002/14651858.CD013814",
    },
    "cochrane-neck": {
        "title": "Acupuncture for neck disorders (Trinh and others)",
        "publisher": "Cochrane Database of Systematic Reviews",
        "year": 2016,
        "url": "https://doi.org/10.1002/14651858.CD004870.pub4",
    },
    "vickers-2018": {
        "title": "Acupuncture for chronic pain: update of an individual patient data "
        "meta-analysis (Vickers and others)",
        "publisher": "The Journal of Pain",
        "year": 2018,
        "url": "https://doi.org/10.1016/j.jpain.2017.11.005",
    },
    "lee-2013": {
        "title": "Acupuncture for acute low back pain: a systematic review (Lee and others)",
        "publisher": "The Clinical Journal of Pain",
        "year": 2013,
        "url": "",
    },
    "white-2001": {
        "title": "Adverse events following acupuncture: prospective survey of 32 000 "
        "consultations with doctors and physiotherapists (White and others)",
        "publisher": "BMJ",
        "year": 2001,
        "url": "https://doi.org/10.1136/bmj.323.7311.485",
    },
    "macpherson-2001": {
        "title": "The York acupuncture safety study: prospective survey of 34 000 treatments "
        "by traditional acupuncturists (MacPherson and others)",
        "publisher": "BMJ",
        "year": 2001,
        "url": "https://doi.org/10.1136/bmj.323.7311.486",
    },
    "nhs-acupuncture": {
        "title": "Acupuncture",
        "publisher": "NHS website",
        "year": 2026,
        "url": "https://www.nhs.uk/tests-and-treatments/acupuncture/",
    },
    "nhs-back-pain": {
        "title": "Back pain",
        "publisher": "NHS website",
        "year": 2026,
        "url": "https://www.nhs.uk/conditions/back-pain/",
    },
    "nhs-sciatica": {
        "title": "Sciatica",
        "publisher": "NHS website",
        "year": 2026,
        "url": "https://www.nhs.uk/conditions/sciatica/",
    },
    "nhs-cauda-equina": {
        "title": "Cauda equina syndrome",
        "publisher": "NHS website",
        "year": 2026,
        "url": "https://www.nhs.uk/conditions/cauda-equina-syndrome/",
    },
    "nhs-slipped-disc": {
        "title": "Slipped disc",
        "publisher": "NHS website",
        "year": 2026,
        "url": "https://www.nhs.uk/conditions/slipped-disc/",
    },
    "nhs-spinal-stenosis": {
        "title": "Spinal stenosis",
        "publisher": "NHS website",
        "year": 2026,
        "url": "https://www.nhs.uk/conditions/spinal-stenosis/",
    },
    "nhs-spondylolisthesis": {
        "title": "Spondylolisthesis",
        "publisher": "NHS website",
        "year": 2026,
        "url": "https://www.nhs.uk/conditions/spondylolisthesis/",
    },
    "nhs-neck-pain": {
        "title": "Neck pain",
        "publisher": "NHS website",
        "year": 2026,
        "url": "https://www.nhs.uk/conditions/neck-pain/",
    },
    "psa-accredited-registers": {
        "title": "Accredited Registers",
        "publisher": "Professional Standards Authority for Health and Social Care",
        "year": 2026,
        "url": "https://www.professionalstandards.org.uk/",
    },
    "hcpc-check": {
        "title": "Check the Register",
        "publisher": "Health and Care Professions Council (HCPC)",
        "year": 2026,
        "url": "https://www.hcpc-uk.org/check-the-register/",
    },
}

# Demo content ships a review so the pages show one; a real clinic records its own.
REVIEW = {
    "reviewed_on": date(2026, 11, 20),
    "reviewed_by": "Hannah Okafor, MBAcC, clinical lead (fictional demo reviewer)",
    "next_review_due": date(2027, 11, 20),
}
