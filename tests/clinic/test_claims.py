"""What the public pages claim: no promise to treat a named diagnosis, and every page of
patient information shows its sources and a clinical review set by staff."""

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command

from clinic import demo_content
from clinic.models import Condition, InfoPage
from practitioners.models import Practitioner

pytestmark = pytest.mark.django_db

# Diagnoses a page must never say it treats, besides the conditions in the database.
OTHER_DIAGNOSES = ["slipped disc", "herniated disc", "arthritis", "osteoarthritis", "stenosis"]
# Statements the claims review found misleading; none may come back.
RETIRED_CLAIMS = [
    "conditions we treat",
    "book for ",
    "supporting healing",
    "supports healing",
    "many nhs gp practices",
    "reduce local pain and inflammation",
]


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", stdout=StringIO())


def visible_text(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def public_paths():
    paths = ["/", "/treatment/", "/conditions/", "/faq/", "/practitioners/"]
    paths += [p.get_absolute_url() for p in InfoPage.objects.published()]
    paths += [c.get_absolute_url() for c in Condition.objects.published()]
    paths += [p.get_absolute_url() for p in Practitioner.objects.listed()]
    return paths


def treat_claims(text: str, diagnoses: list[str]) -> list[str]:
    names = "|".join(re.escape(d) for d in diagnoses)
    pattern = (
        rf"\bwe\s+treat\b[^.]*|\btreat(?:s|ed|ing|ment for)?\s+(?:your\s+|their\s+)?(?:{names})\b"
    )
    return re.findall(pattern, text, flags=re.I)


def test_no_public_page_claims_to_treat_a_named_diagnosis(client, demo_site):
    diagnoses = [c.name.lower() for c in Condition.objects.all()] + OTHER_DIAGNOSES
    paths = public_paths()
    assert len(paths) == 5 + len(demo_content.INFO_PAGES) + len(demo_content.CONDITIONS) + 6

    found = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = visible_text(response).lower()
        claims = treat_claims(text, diagnoses) + [c for c in RETIRED_CLAIMS if c in text]
        if claims:
            found[path] = claims
    assert found == {}


def test_claim_checker_catches_the_old_wording():
    # The check above is only as good as its pattern: it must catch what the site said.
    old = "We treat low back pain, sciatica, neck and upper back tension with acupuncture."
    assert treat_claims(old, ["sciatica"]) != []
    assert treat_claims("Ben treats sciatica and slipped discs.", ["sciatica"]) == [
        "treats sciatica"
    ]
    assert treat_claims("Any of them can talk with you about sciatica.", ["sciatica"]) == []


def test_evidence_page_states_what_the_research_and_nice_say(client, demo_site):
    text = visible_text(client.get("/treatment/how-it-may-help-back-pain/"))

    assert "NG59, 2016" in text
    assert "should not be offered for low back pain, with or without sciatica" in text
    assert "only slightly better" in text
    assert "little good research on acupuncture for any of them" in text
    assert "Researchers think needling may change" in text
    assert "rarely available on the NHS" in text


def test_risks_page_lists_what_the_booking_asks_and_the_side_effects(client, demo_site):
    text = visible_text(client.get("/treatment/risks-and-safety/"))

    for asked in [
        "pregnant",
        "pacemaker",
        "blood thinners",
        "epilepsy",
        "immune system is weakened",
        "diabetes",
        "afraid of needles or have fainted",
        "surgery recently",
        "allergic to metals",
        "lymphoedema",
        "broken skin",
        "hands, feet and ears",
        "under 18",
        "do not drive",
        "usual pain feeling worse for a day or two",
        "Cupping leaves round red or purple marks",
        "scorch or blister",
    ]:
        assert asked in text, asked


def test_every_information_and_condition_page_shows_sources_and_review(client, demo_site):
    pages = list(InfoPage.objects.published()) + list(Condition.objects.published())
    assert len(pages) == len(demo_content.INFO_PAGES) + len(demo_content.CONDITIONS)

    for page in pages:
        body = client.get(page.get_absolute_url()).content.decode()
        sources = list(page.sources.all())
        assert sources, page.slug
        for source in sources:
            title = html.escape(source.title)
            if source.url:
                title = f'<a href="{source.url}" rel="noopener">{title}</a>'
            citation = f"<li>{title}. {html.escape(source.publisher)}, {source.year}.</li>"
            assert citation in body, (page.slug, citation)
        assert (
            "Clinically reviewed on <strong>20 November 2026</strong> by Hannah Okafor, "
            "MBAcC, clinical lead (fictional demo reviewer)."
        ) in body, page.slug
        assert "Next review due by November 2027." in body, page.slug


def test_seed_demo_twice_duplicates_nothing(demo_site):
    from clinic.models import FAQEntry, Source
    from practitioners.models import Registration

    def counts():
        return [
            m.objects.count()
            for m in (Source, InfoPage, Condition, FAQEntry, Practitioner, Registration)
        ]

    before = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == before
    assert before[0] == len(demo_content.SOURCES)
    assert InfoPage.objects.get(slug="risks-and-safety").sources.count() == 3
