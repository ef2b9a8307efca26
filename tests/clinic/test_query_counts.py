"""Each public page costs the same number of queries however much the clinic holds."""

import pytest

from tests.factories import ConditionFactory, InfoPageFactory, LanguageFactory, PractitionerFactory

pytestmark = pytest.mark.django_db

CEILING = 12


@pytest.fixture
def big_clinic():
    conditions = ConditionFactory.create_batch(9)
    languages = LanguageFactory.create_batch(4)
    InfoPageFactory.create_batch(8)
    for practitioner in PractitionerFactory.create_batch(50):
        practitioner.specialties.set(conditions[:3])
        practitioner.languages.set(languages[:2])
    return conditions


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/treatment/",
        "/conditions/",
        "/faq/",
        "/practitioners/",
        "/practitioners/?language=language-1",
    ],
)
def test_public_page_query_ceiling(client, big_clinic, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(CEILING):
        response = client.get(path)
    assert response.status_code == 200


def test_condition_page_query_ceiling(client, big_clinic, django_assert_max_num_queries):
    with django_assert_max_num_queries(CEILING):
        response = client.get(big_clinic[0].get_absolute_url())
    assert len(response.context["specialists"]) == 50


def test_directory_lists_the_first_page_of_fifty(client, big_clinic, settings):
    settings.DIRECTORY_PAGE_SIZE = 12
    response = client.get("/practitioners/")
    assert len(response.context["practitioners"]) == 12
    assert response.context["paginator"].count == 50
