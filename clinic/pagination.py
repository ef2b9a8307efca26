"""Links between the pages of a long list: previous, next and the page numbers (the middle
ones left out when there are many), each keeping the list's own search and filters."""

from dataclasses import dataclass

from django.core.paginator import Page


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the gap ("…") between runs of page numbers
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class PageLinks:
    previous: str  # "" on the first page
    next: str  # "" on the last page
    pages: list[PageLink]


def page_url(path: str, query: str, number: int) -> str:
    """The address of one page; the first has no page parameter, so it has one address."""
    params = [query] if query else []
    if number > 1:
        params.append(f"page={number}")
    return f"{path}?{'&'.join(params)}" if params else path


def page_links(page: Page, path: str, query: str) -> PageLinks:
    """`query`: the list's own parameters, already encoded, without `page`."""
    paginator = page.paginator
    pages = [
        PageLink(None)
        if number == paginator.ELLIPSIS
        else PageLink(number, page_url(path, query, number), number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=2)
    ]
    return PageLinks(
        previous=page_url(path, query, page.number - 1) if page.has_previous() else "",
        next=page_url(path, query, page.number + 1) if page.has_next() else "",
        pages=pages,
    )
