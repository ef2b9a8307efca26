import pytest
from django.urls import reverse

from tests.factories import (
    ConditionFactory,
    FAQEntryFactory,
    InfoPageFactory,
    LanguageFactory,
    PractitionerFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def test_home_lists_published_conditions_and_pages(client):
    ConditionFactory(name="Sciatica")
    ConditionFactory(name="Hidden condition", is_published=False)
    InfoPageFactory(title="What acupuncture is")

    response = client.get("/")

    assert response.status_code == 200
    assert "Sciatica" in response.content.decode()
    assert "What acupuncture is" in response.content.decode()
    assert "Hidden condition" not in response.content.decode()


def test_treatment_index_and_page_show_their_content(client):
    page = InfoPageFactory(title="Risks and safety", body="Soreness and **bruising**.")

    index = client.get("/treatment/")
    detail = client.get(f"/treatment/{page.slug}/")

    assert index.status_code == 200
    assert "Risks and safety" in index.content.decode()
    assert detail.status_code == 200
    assert "<strong>bruising</strong>" in detail.content.decode()


def test_unpublished_page_condition_and_faq_are_hidden(client):
    page = InfoPageFactory(is_published=False)
    condition = ConditionFactory(is_published=False)
    FAQEntryFactory(question="Secret question?", is_published=False)

    assert client.get(f"/treatment/{page.slug}/").status_code == 404
    assert client.get(f"/conditions/{condition.slug}/").status_code == 404
    assert "Secret question?" not in client.get("/faq/").content.decode()


def test_condition_page_lists_its_listed_specialists(client):
    condition = ConditionFactory(name="Sciatica", body="Pain down the leg.")
    specialist = PractitionerFactory(name="Ada Specialist")
    specialist.specialties.add(condition)
    unlisted = PractitionerFactory(name="Una Listed", is_listed=False)
    unlisted.specialties.add(condition)
    PractitionerFactory(name="Other Person")

    response = client.get(f"/conditions/{condition.slug}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Pain down the leg." in body
    assert "Ada Specialist" in body
    assert "Una Listed" not in body
    assert "Other Person" not in body
    assert (
        f'<a class="btn btn-primary w-100 mt-3" href="/book/?condition={condition.slug}">'
        "Book an assessment</a>"
    ) in body


def test_faq_page_shows_published_entries_in_order(client):
    FAQEntryFactory(question="Second?", order=2)
    FAQEntryFactory(question="First?", order=1)

    body = client.get("/faq/").content.decode()

    assert body.index("First?") < body.index("Second?")


@pytest.mark.parametrize("path", ["/privacy/", "/contact/", "/conditions/"])
def test_static_pages_answer(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Northfield Back Clinic" in response.content.decode()


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_markdown_script_typed_in_admin_is_inert(client):
    page = InfoPageFactory(
        body='Hello <script>alert("x")</script> [link](javascript:alert(1)) <img src=x onerror=alert(1)>'
    )

    body = client.get(f"/treatment/{page.slug}/").content.decode()

    assert "<script>alert" not in body
    assert "javascript:" not in body
    assert "onerror" not in body
    assert "Hello" in body


def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_pages_load_no_asset_from_another_origin(client):
    body = client.get("/").content.decode()
    assert "cdn." not in body
    assert 'src="http' not in body


def test_practitioner_directory_filters_by_condition_language_and_name(client):
    sciatica = ConditionFactory(slug="sciatica")
    polish = LanguageFactory(name="Polish", slug="polish")
    both = PractitionerFactory(name="Anna Nowak")
    both.specialties.add(sciatica)
    both.languages.add(polish)
    only_condition = PractitionerFactory(name="Ben Jones")
    only_condition.specialties.add(sciatica)
    PractitionerFactory(name="Cara Smith")

    def names(query):
        response = client.get(reverse("practitioners:list"), query)
        return {p.name for p in response.context["practitioners"]}

    assert names({}) == {"Anna Nowak", "Ben Jones", "Cara Smith"}
    assert names({"condition": "sciatica"}) == {"Anna Nowak", "Ben Jones"}
    assert names({"condition": "sciatica", "language": "polish"}) == {"Anna Nowak"}
    assert names({"q": "smith"}) == {"Cara Smith"}
    assert names({"condition": "not-a-condition"}) == {"Anna Nowak", "Ben Jones", "Cara Smith"}


def test_practitioner_page_shows_credentials_and_how_to_verify(client):
    practitioner = PractitionerFactory(name="Dana Lee", qualifications="BSc Acupuncture")
    RegistrationFactory(practitioner=practitioner, number="BAC-77777")

    response = client.get(practitioner.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert "Number: <strong>BAC-77777</strong>" in body
    assert (
        '<a href="https://acupuncture.org.uk/find-an-acupuncturist/" rel="noopener">'
        "Check on the British Acupuncture Council (BAcC) website</a>: search for Dana Lee "
        "or BAC-77777."
    ) in body
    assert "BSc Acupuncture" in body


def test_unlisted_practitioner_page_is_404(client):
    practitioner = PractitionerFactory(is_listed=False)
    assert client.get(practitioner.get_absolute_url()).status_code == 404


def test_healthz_answers_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
