"""The directory shows DIRECTORY_PAGE_SIZE practitioners a page, in the clinic's order,
with page links that keep the search, and a clear "no such page" (404) for a page that does not
exist, never a server error."""

import re

import pytest

from tests.factories import ConditionFactory, LanguageFactory, PractitionerFactory

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav aria-label="Pages of practitioners".*?</nav>', re.S)
NO_SUCH_PAGE = "There is no such page of the directory"


@pytest.fixture
def fifty(settings):
    settings.DIRECTORY_PAGE_SIZE = 12
    # Created out of order, all with the same `order`: the directory then orders by name.
    return [PractitionerFactory(name=f"Person {n:02d}") for n in reversed(range(1, 51))]


def names(response) -> list[str]:
    return [p.name for p in response.context["practitioners"]]


def nav_links(body: str) -> list[tuple[str, str]]:
    """(attributes, text) of each link in the page navigation."""
    nav = NAV.search(body).group(0)
    return [
        (attrs, re.sub(r"<[^>]+>", "", text))
        for attrs, text in re.findall(r"<a ([^>]*)>(.*?)</a>", nav, re.S)
    ]


def test_the_clinics_own_order_comes_before_names(client, fifty):
    for practitioner in fifty:
        practitioner.order = 0 if practitioner.name == "Person 50" else 1
        practitioner.save()

    assert names(client.get("/practitioners/"))[:2] == ["Person 50", "Person 01"]


def test_second_page_shows_the_next_twelve_in_name_order(client, fifty):
    response = client.get("/practitioners/?page=2")

    assert response.status_code == 200
    assert names(response) == [f"Person {n:02d}" for n in range(13, 25)]
    body = response.content.decode()
    assert "Showing 13–24 of 50 practitioners" in body
    assert "<title>Our practitioners, page 2 of 5" in body


def test_first_page_is_the_first_twelve_and_last_page_the_rest(client, fifty):
    first = client.get("/practitioners/")
    last = client.get("/practitioners/?page=5")

    assert names(first) == [f"Person {n:02d}" for n in range(1, 13)]
    assert "Showing 1–12 of 50 practitioners" in first.content.decode()
    assert names(last) == ["Person 49", "Person 50"]
    assert "Showing 49–50 of 50 practitioners" in last.content.decode()


def test_page_links_mark_the_current_page_and_link_previous_and_next(client, fifty):
    body = client.get("/practitioners/?page=3").content.decode()

    links = [(re.sub(r"\s+", " ", attrs).strip(), text.strip()) for attrs, text in nav_links(body)]
    assert links == [
        ('class="page-link" href="/practitioners/?page=2" rel="prev"', "Previous page"),
        ('class="page-link" href="/practitioners/" aria-label="Page 1"', "1"),
        ('class="page-link" href="/practitioners/?page=2" aria-label="Page 2"', "2"),
        (
            'class="page-link" href="/practitioners/?page=3" aria-label="Page 3" aria-current="page"',
            "3",
        ),
        ('class="page-link" href="/practitioners/?page=4" aria-label="Page 4"', "4"),
        ('class="page-link" href="/practitioners/?page=5" aria-label="Page 5"', "5"),
        ('class="page-link" href="/practitioners/?page=4" rel="next"', "Next page"),
    ]
    assert body.count('aria-current="page"', body.index("Pages of practitioners")) == 1


def test_first_page_has_no_previous_link_and_last_page_no_next(client, fifty):
    first = [text for _, text in nav_links(client.get("/practitioners/").content.decode())]
    last = [text for _, text in nav_links(client.get("/practitioners/?page=5").content.decode())]

    assert "Previous page" not in first and first[-1].strip() == "Next page"
    assert "Next page" not in last and last[0].strip() == "Previous page"


def test_many_pages_leave_out_the_middle_ones(client, settings, fifty):
    settings.DIRECTORY_PAGE_SIZE = 2  # 25 pages
    body = client.get("/practitioners/?page=12").content.decode()

    numbers = [text.strip() for _, text in nav_links(body)][1:-1]
    assert numbers == ["1", "2", "11", "12", "13", "24", "25"]
    assert NAV.search(body).group(0).count("…") == 2


def test_page_links_keep_the_search_and_filters(client, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    sciatica = ConditionFactory(slug="sciatica", name="Sciatica")
    welsh = LanguageFactory(slug="welsh", name="Welsh")
    for n in range(1, 6):
        match = PractitionerFactory(name=f"Person {n}")
        match.specialties.add(sciatica)
        match.languages.add(welsh)
    PractitionerFactory(name="Person 0")  # would be first without the filters
    search = "q=Person&condition=sciatica&language=welsh"

    body = client.get(f"/practitioners/?{search}").content.decode()
    next_href = dict((text.strip(), attrs) for attrs, text in nav_links(body))["Next page"]
    href = re.search(r'href="([^"]*)"', next_href).group(1).replace("&amp;", "&")
    second = client.get(href)

    assert href == f"/practitioners/?{search}&page=2"
    assert names(second) == ["Person 3", "Person 4"]
    assert "Showing 3–4 of 5 practitioners" in second.content.decode()
    assert f'href="/practitioners/?{search.replace("&", "&amp;")}" aria-label="Page 1"' in (
        second.content.decode()
    )


def test_one_page_of_results_has_no_page_links(client, settings):
    settings.DIRECTORY_PAGE_SIZE = 12
    PractitionerFactory.create_batch(3)

    response = client.get("/practitioners/")

    body = response.content.decode()
    assert len(response.context["practitioners"]) == 3
    assert "Pages of practitioners" not in body
    assert "3 practitioners found" in body


def test_empty_page_one_of_a_search_that_matches_nobody_is_not_a_404(client, fifty):
    response = client.get("/practitioners/?q=Nobody&page=1")

    assert response.status_code == 200
    assert "No practitioner matches that search" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "6", "999", "1.5", "2e1", "last"])
def test_page_that_does_not_exist_is_a_404_with_a_way_back(client, fifty, page):
    response = client.get("/practitioners/", {"page": page})

    body = response.content.decode()
    assert response.status_code == 404
    assert NO_SUCH_PAGE in body
    assert "The 50 practitioners fit on 5 pages." in body
    assert '<a href="/practitioners/">Go to the first page</a>' in body
    assert '<a href="/practitioners/?page=5">Go to the last page (page 5)</a>' in body


def test_page_that_does_not_exist_links_back_to_the_same_search(client, fifty):
    response = client.get("/practitioners/?q=Person+0&page=9")

    body = response.content.decode()
    assert response.status_code == 404
    assert "The 9 practitioners that match fit on 1 page." in body
    assert '<a href="/practitioners/?q=Person+0">Go to the first page</a>' in body
    assert "Go to the last page" not in body


def test_empty_page_value_is_the_first_page(client, fifty):
    response = client.get("/practitioners/?page=")

    assert response.status_code == 200
    assert names(response)[0] == "Person 01"


def test_nul_byte_in_page_is_a_clear_400(client, fifty):
    response = client.get("/practitioners/?page=1%00")

    assert response.status_code == 400
    assert (
        "Part of that address or form contained a character we cannot accept"
        in response.content.decode()
    )
